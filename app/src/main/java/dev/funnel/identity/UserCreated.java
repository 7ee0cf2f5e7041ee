package dev.funnel.identity;

import java.util.Set;

/**
 * An account was created, by an administrator, an import, or (for the directory and single sign-on) by its first
 * sign-in: its roles and team, for the audit trail.
 */
public record UserCreated(long id, String username, Set<Role> roles, Long teamId, SignInSource source) {
}
