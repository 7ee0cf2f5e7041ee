package dev.funnel.identity.internal;

import dev.funnel.identity.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which directory or single sign-on groups give which role, as an administrator writes it in one variable:
 * {@code ADMIN=funnel-admins;SALES_MANAGER=sales-managers,regional-managers;SALES_REP=sales}. Group names are
 * compared ignoring case; a person in several mapped groups has every role they give.
 */
final class RoleMapping {

    private final Map<String, Set<Role>> rolesByGroup;

    private RoleMapping(Map<String, Set<Role>> rolesByGroup) {
        this.rolesByGroup = rolesByGroup;
    }

    /**
     * @param variable the environment variable the text came from, named in what is wrong with it: a mistake
     *                 here would let the wrong people in, so it stops the start
     */
    static RoleMapping parse(String text, String variable) {
        Map<String, Set<Role>> mapping = new LinkedHashMap<>();
        for (String entry : (text == null ? "" : text).split(";", -1)) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalStateException(variable + ": '" + entry.trim()
                        + "' is not ROLE=group,group (roles: " + List.of(Role.values()) + ")");
            }
            Role role = role(entry.substring(0, equals).trim(), variable);
            for (String group : entry.substring(equals + 1).split(",", -1)) {
                if (!group.isBlank()) {
                    mapping.computeIfAbsent(key(group), g -> EnumSet.noneOf(Role.class)).add(role);
                }
            }
        }
        if (mapping.isEmpty()) {
            throw new IllegalStateException(variable + " must map at least one group to a role, e.g. "
                    + "ADMIN=funnel-admins;SALES_MANAGER=sales-managers;SALES_REP=sales");
        }
        return new RoleMapping(mapping);
    }

    private static Role role(String name, String variable) {
        try {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + ": unknown role '" + name + "' (roles: "
                    + List.of(Role.values()) + ")", e);
        }
    }

    /** The roles these groups give; empty when none is mapped. */
    Set<Role> rolesFor(Collection<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : groups) {
            roles.addAll(rolesByGroup.getOrDefault(key(group), Set.of()));
        }
        return roles;
    }

    private static String key(String group) {
        return group.trim().toLowerCase(Locale.ROOT);
    }
}
