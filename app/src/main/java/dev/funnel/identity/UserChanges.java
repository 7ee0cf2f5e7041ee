package dev.funnel.identity;

import java.util.Set;

/**
 * What an administrator may change of an account, with the version they saw. The roles of a directory or single
 * sign-on account come from its groups at each sign-in, so they cannot be changed here.
 */
public record UserChanges(String fullName, String email, Long teamId, Set<Role> roles, boolean enabled,
                          int version) {
}
