package dev.funnel.identity;

import java.time.Instant;
import java.util.Set;

/** A token was issued to a user (by themselves, or by an administrator for an integration), for the audit trail. */
public record ApiTokenIssued(long id, String username, String name, Set<ApiTokenScope> scopes, Instant expiresAt) {
}
