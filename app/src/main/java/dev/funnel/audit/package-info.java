/**
 * The audit trail: an append-only record of who did what, when and from where, for administrators. Other
 * modules write to it through {@link dev.funnel.audit.AuditLog}; sign-ins are heard from Spring Security's own
 * events, so that identity, which the trail depends on, does not depend on it.
 */
package dev.funnel.audit;
