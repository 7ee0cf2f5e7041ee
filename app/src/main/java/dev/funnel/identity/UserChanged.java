package dev.funnel.identity;

import java.util.Set;

/**
 * An account's roles, team or state changed, by an administrator or, for a directory or single sign-on
 * account, by its groups at sign-in ({@code atSignIn}): for the audit trail.
 */
public record UserChanged(long id, String username, Set<Role> rolesBefore, Set<Role> roles, Long teamIdBefore,
                          Long teamId, boolean enabledBefore, boolean enabled, boolean atSignIn) {

    public UserChanged {
        rolesBefore = Set.copyOf(rolesBefore);
        roles = Set.copyOf(roles);
    }
}
