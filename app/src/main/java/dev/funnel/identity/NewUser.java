package dev.funnel.identity;

import java.util.Set;

/** What an administrator enters to create a user. */
public record NewUser(String username, String fullName, String email, String password, Long teamId, Set<Role> roles) {
}
