package dev.funnel.identity;

import java.time.LocalDate;
import java.util.Set;

/**
 * A token to issue: a name saying what uses it, its scopes, and the last day it works (in the company's time zone;
 * none for a token that lasts until revoked).
 */
public record NewApiToken(String name, Set<ApiTokenScope> scopes, LocalDate expiresOn) {

    public NewApiToken {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }
}
