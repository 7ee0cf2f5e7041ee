package dev.funnel.identity;

import java.time.Instant;
import java.util.Set;

/**
 * An API token as its owner and administrators see it: never its secret, only the first characters of it
 * ({@code prefix}) to tell tokens apart.
 */
public record ApiToken(long id, long userId, String username, String name, String prefix, Set<ApiTokenScope> scopes,
                       Instant expiresAt, Instant createdAt, Instant lastUsedAt, String lastUsedFrom,
                       Instant revokedAt) {

    public ApiToken {
        scopes = Set.copyOf(scopes);
    }

    /** Whether a request bearing it would be signed in at that moment. */
    public boolean activeAt(Instant moment) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(moment));
    }
}
