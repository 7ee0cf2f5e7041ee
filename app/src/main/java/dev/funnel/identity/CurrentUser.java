package dev.funnel.identity;

import java.util.Set;

/** The signed-in user, as services need to know them. */
public record CurrentUser(long id, String username, String fullName, Set<Role> roles) {

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    public boolean isManager() {
        return has(Role.SALES_MANAGER) || isAdmin();
    }
}
