package dev.funnel.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.identity.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an administrator's one-line mapping of groups to roles reads, and how a provider's claims are found. */
class RoleMappingTest {

    @Test
    void groups_map_to_roles_ignoring_case_and_a_person_gets_every_role_their_groups_give() {
        RoleMapping mapping = RoleMapping.parse(
                " ADMIN=funnel-admins; sales_manager = Sales-Managers, regional-managers ;SALES_REP=sales", "X");

        assertThat(mapping.rolesFor(List.of("SALES-managers", "sales", "canteen")))
                .containsExactlyInAnyOrder(Role.SALES_MANAGER, Role.SALES_REP);
        assertThat(mapping.rolesFor(List.of("regional-managers"))).containsExactly(Role.SALES_MANAGER);
        assertThat(mapping.rolesFor(List.of("canteen"))).isEmpty();
    }

    @Test
    void a_mistake_in_the_mapping_stops_the_start_naming_the_variable_and_what_is_wrong() {
        assertThatThrownBy(() -> RoleMapping.parse("SALE_REP=sales", "FUNNEL_LDAP_ROLES"))
                .hasMessageContaining("FUNNEL_LDAP_ROLES").hasMessageContaining("unknown role 'SALE_REP'")
                .hasMessageContaining("SALES_REP");
        assertThatThrownBy(() -> RoleMapping.parse("sales", "FUNNEL_OIDC_ROLES"))
                .hasMessageContaining("FUNNEL_OIDC_ROLES").hasMessageContaining("'sales' is not ROLE=group");
        assertThatThrownBy(() -> RoleMapping.parse("  ", "FUNNEL_LDAP_ROLES"))
                .hasMessageContaining("must map at least one group");
        assertThatThrownBy(() -> RoleMapping.parse(null, "FUNNEL_LDAP_ROLES"))
                .hasMessageContaining("must map at least one group");
    }

    @Test
    void claims_are_found_by_path_and_groups_read_as_lists_or_texts_with_keycloak_paths_matched_whole() {
        Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("funnel-rep", "offline")),
                "groups", "/sales/east,/admins", "roles", "a b");

        assertThat(OpenIdSignIn.OpenIdAccounts.groups(OpenIdSignIn.OpenIdAccounts.claim(claims,
                "realm_access.roles"))).containsExactly("funnel-rep", "offline");
        assertThat(OpenIdSignIn.OpenIdAccounts.groups(OpenIdSignIn.OpenIdAccounts.claim(claims, "groups")))
                .containsExactly("/sales/east", "/admins");
        assertThat(OpenIdSignIn.OpenIdAccounts.groups(OpenIdSignIn.OpenIdAccounts.claim(claims, "roles")))
                .containsExactly("a", "b");
        assertThat(OpenIdSignIn.OpenIdAccounts.claim(claims, "realm_access.roles.more")).isNull();
        assertThat(OpenIdSignIn.OpenIdAccounts.groups(OpenIdSignIn.OpenIdAccounts.claim(claims, "missing")))
                .isEmpty();
    }
}
