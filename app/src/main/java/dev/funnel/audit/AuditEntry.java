package dev.funnel.audit;

import java.time.OffsetDateTime;

/**
 * One entry of the audit trail.
 *
 * @param actor      the user name as it was at the time, or the name typed in a failed sign-in; null for the system
 * @param action     what happened, a stable key such as {@code sign-in.failed} or {@code export}
 * @param targetType the kind of record it happened to ({@code user}, {@code customers}), or null
 * @param targetId   which record, or null
 * @param details    what else matters (rows exported, old and new role), in plain text
 * @param address    the client's address, or null when it happened off a request (a scheduled job)
 */
public record AuditEntry(long id, OffsetDateTime occurredAt, String actor, String action, String targetType,
                         String targetId, String details, String address) {
}
