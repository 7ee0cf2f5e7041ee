package dev.funnel.identity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an API token may do, each scope including the ones before it: READ reads (GET and HEAD), WRITE also
 * changes records, ADMIN also makes the requests only administrators may make (for an administrator's token).
 * A token never does more than its user may; its scopes only narrow that.
 */
public enum ApiTokenScope {
    READ, WRITE, ADMIN;

    /** The scope as the API spells it: read, write, admin. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This scope and the ones it includes. */
    public Set<ApiTokenScope> withIncluded() {
        return EnumSet.range(READ, this);
    }

    /** The widest of the scopes, which stands for them all (READ for none). */
    public static ApiTokenScope widest(Set<ApiTokenScope> scopes) {
        return scopes.stream().max(Enum::compareTo).orElse(READ);
    }
}
