package dev.funnel.identity;

import java.util.Set;

/** A user as others see them: no password, nothing private. */
public record UserSummary(long id, String username, String fullName, String email, Long teamId, String teamName,
                          Set<Role> roles, boolean enabled, String locale, int version,
                          SignInSource signInSource) {

    public UserSummary {
        roles = Set.copyOf(roles);
    }
}
