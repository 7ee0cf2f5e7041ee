package dev.funnel.identity;

/** A token was revoked by its owner or an administrator, for the audit trail. */
public record ApiTokenRevoked(long id, String username, String name) {
}
