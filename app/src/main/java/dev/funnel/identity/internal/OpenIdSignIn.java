package dev.funnel.identity.internal;

import dev.funnel.identity.SignInSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Sign-in with an OpenID Connect provider (Keycloak, Authing, a platform's single sign-on), on when
 * FUNNEL_OIDC_ISSUER is set: the authorization code flow of Spring Security's OAuth2 login, with the provider's
 * settings discovered from the issuer. The login page offers it beside the password form, which local accounts
 * (the administrator's among them) keep using.
 */
@Configuration
@ConditionalOnExpression("!'${funnel.oidc.issuer:}'.isBlank()")
class OpenIdSignIn {

    static final String REGISTRATION = "oidc";

    @Bean
    DiscoveredProvider openIdProvider(Environment settings, Clock clock) {
        return new DiscoveredProvider(settings, clock);
    }

    @Bean
    OpenIdAccounts openIdAccounts(Environment settings, ExternalAccounts accounts) {
        return new OpenIdAccounts(settings, accounts);
    }

    /**
     * The provider's registration, discovered from its issuer when first needed and kept once found: a provider
     * that is down when Funnel starts must not stop Funnel (its local accounts still work), and one that comes
     * back is found at the next attempt.
     */
    static final class DiscoveredProvider implements ClientRegistrationRepository, SingleSignOnProvider {

        private static final Logger log = LoggerFactory.getLogger(DiscoveredProvider.class);
        private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

        private final Environment settings;
        private final Clock clock;
        private volatile ClientRegistration registration;
        private volatile Instant lastFailure = Instant.MIN;

        DiscoveredProvider(Environment settings, Clock clock) {
            this.settings = settings;
            this.clock = clock;
        }

        @Override
        public ClientRegistration findByRegistrationId(String id) {
            return REGISTRATION.equals(id) ? registration() : null;
        }

        @Override
        public boolean reachable() {
            return registration() != null;
        }

        /** The registration, or null while the provider cannot be reached. */
        synchronized ClientRegistration registration() {
            if (registration == null && clock.instant().isAfter(lastFailure.plus(RETRY_AFTER))) {
                String issuer = settings.getRequiredProperty("funnel.oidc.issuer").trim();
                try {
                    registration = ClientRegistrations.fromIssuerLocation(issuer)
                            .registrationId(REGISTRATION)
                            .clientId(settings.getProperty("funnel.oidc.client-id", ""))
                            .clientSecret(settings.getProperty("funnel.oidc.client-secret", ""))
                            .scope(Arrays.stream(settings.getProperty("funnel.oidc.scopes", "openid,profile,email")
                                    .split("[,\\s]+")).filter(s -> !s.isBlank()).toList())
                            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                            .build();
                    log.info("Single sign-on with {} is ready", issuer);
                } catch (RuntimeException e) {
                    lastFailure = clock.instant();
                    log.warn("The single sign-on provider {} cannot be reached: {}", issuer, e.getMessage());
                }
            }
            return registration;
        }
    }

    /**
     * The Funnel account of the person the provider vouched for, created at their first sign-in and given the
     * roles their groups map to at every sign-in. A refusal (no role, name taken, disabled) goes to the login
     * page as the same exception a directory sign-in gives.
     */
    static final class OpenIdAccounts implements OAuth2UserService<OidcUserRequest, OidcUser> {

        private final OidcUserService provider = new OidcUserService();
        private final ExternalAccounts accounts;
        private final RoleMapping roles;
        private final String usernameClaim;
        private final String groupsClaim;

        OpenIdAccounts(Environment settings, ExternalAccounts accounts) {
            this.accounts = accounts;
            this.roles = RoleMapping.parse(settings.getProperty("funnel.oidc.roles"), "FUNNEL_OIDC_ROLES");
            this.usernameClaim = settings.getProperty("funnel.oidc.username-claim", "preferred_username").trim();
            this.groupsClaim = settings.getProperty("funnel.oidc.groups-claim", "groups").trim();
        }

        @Override
        public OidcUser loadUser(OidcUserRequest request) {
            OidcUser vouched = provider.loadUser(request);
            Map<String, Object> claims = vouched.getAttributes();
            String username = text(claim(claims, usernameClaim));
            if (username == null) {
                username = vouched.getEmail() != null ? vouched.getEmail() : vouched.getSubject();
            }
            String fullName = vouched.getFullName() != null ? vouched.getFullName() : username;
            ExternalIdentity who = new ExternalIdentity(SignInSource.OIDC,
                    vouched.getIssuer() + " " + vouched.getSubject(), username, fullName, vouched.getEmail(),
                    roles.rolesFor(groups(claim(claims, groupsClaim))));
            return new OpenIdPrincipal(accounts.signIn(who), vouched);
        }

        /** A claim by its path: Keycloak keeps realm roles at {@code realm_access.roles}. */
        static Object claim(Map<String, Object> claims, String path) {
            Object value = claims;
            for (String step : path.split("\\.", -1)) {
                if (!(value instanceof Map<?, ?> map)) {
                    return null;
                }
                value = map.get(step);
            }
            return value;
        }

        private static String text(Object value) {
            return value == null || value.toString().isBlank() ? null : value.toString().trim();
        }

        /** Groups as a list, or as one text separated by commas or spaces; a group path's last part counts too. */
        static List<String> groups(Object value) {
            List<String> groups = new ArrayList<>();
            Collection<?> items = value instanceof Collection<?> many ? many
                    : value == null ? List.of() : Arrays.asList(value.toString().split("[,\\s]+"));
            for (Object item : items) {
                String group = text(item);
                if (group != null) {
                    groups.add(group);
                    // Keycloak's group claim gives paths such as /sales/east
                    if (group.contains("/")) {
                        groups.add(group.substring(group.lastIndexOf('/') + 1));
                    }
                }
            }
            return groups;
        }
    }
}
