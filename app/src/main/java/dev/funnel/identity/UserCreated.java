package dev.funnel.identity;

import java.util.Set;

/** An administrator created an account (or an import did): its roles and team, for the audit trail. */
public record UserCreated(long id, String username, Set<Role> roles, Long teamId) {
}
