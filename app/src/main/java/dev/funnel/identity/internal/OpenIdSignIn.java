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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
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
     * The provider's registration, discovered from its issuer in the background and kept once found: a provider
     * that is down when Funnel starts must not stop Funnel (its local accounts still work), one that comes back
     * is found at a later attempt, and a slow one never holds the login page for more than a moment.
     */
    static final class DiscoveredProvider implements ClientRegistrationRepository, SingleSignOnProvider {

        private static final Logger log = LoggerFactory.getLogger(DiscoveredProvider.class);
        private static final Duration RETRY_AFTER = Duration.ofSeconds(10);
        /** How long the login page waits to know whether to offer the button. */
        private static final Duration PAGE_WAIT = Duration.ofSeconds(2);
        /** How long a click on the button waits for the provider's settings. */
        private static final Duration SIGN_IN_WAIT = Duration.ofSeconds(10);

        private final Environment settings;
        private final Clock clock;
        private final ExecutorService discovery = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "oidc-discovery");
            thread.setDaemon(true);
            return thread;
        });
        private volatile ClientRegistration registration;
        /** The discovery under way or last finished; guarded by this, held only to start one. */
        private CompletableFuture<ClientRegistration> attempt;
        private Instant lastFailure = Instant.MIN;

        DiscoveredProvider(Environment settings, Clock clock) {
            this.settings = settings;
            this.clock = clock;
            var unused = attempt(); // discovery starts with Funnel; the login page asks for its result
        }

        @Override
        public ClientRegistration findByRegistrationId(String id) {
            return REGISTRATION.equals(id) ? registration(SIGN_IN_WAIT) : null;
        }

        @Override
        public boolean reachable() {
            return registration(PAGE_WAIT) != null;
        }

        /** The registration, or null while the provider cannot be reached or has not answered within the wait. */
        ClientRegistration registration(Duration wait) {
            ClientRegistration found = registration;
            if (found != null) {
                return found;
            }
            try {
                return attempt().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private synchronized CompletableFuture<ClientRegistration> attempt() {
            boolean retry = attempt == null
                    || attempt.isDone() && clock.instant().isAfter(lastFailure.plus(RETRY_AFTER));
            if (retry) {
                attempt = CompletableFuture.supplyAsync(this::discover, discovery);
            }
            return attempt;
        }

        private ClientRegistration discover() {
            String issuer = settings.getRequiredProperty("funnel.oidc.issuer").trim();
            try {
                registration = ClientRegistrations.fromIssuerLocation(issuer)
                        .registrationId(REGISTRATION)
                        .clientId(settings.getProperty("funnel.oidc.client-id", ""))
                        .clientSecret(settings.getProperty("funnel.oidc.client-secret", ""))
                        .scope(Arrays.stream(settings.getProperty("funnel.oidc.scopes", "openid,profile,email")
                                .split("[,\\s]+", -1)).filter(s -> !s.isBlank()).toList())
                        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                        .build();
                log.info("Single sign-on with {} is ready", issuer);
                return registration;
            } catch (RuntimeException e) {
                synchronized (this) {
                    lastFailure = clock.instant();
                }
                log.warn("The single sign-on provider {} cannot be reached: {}", issuer, e.getMessage());
                return null;
            }
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
            String username = "email".equals(usernameClaim) ? null : text(claim(claims, usernameClaim));
            if (username == null && vouched.getEmail() != null) {
                // an address the person typed and the provider never confirmed would let them claim a colleague's
                if (Boolean.FALSE.equals(vouched.getEmailVerified())) {
                    throw new OAuth2AuthenticationException(new OAuth2Error("unverified_email",
                            "The provider has not verified " + vouched.getEmail() + ", so it cannot name an account",
                            null));
                }
                username = vouched.getEmail();
            }
            if (username == null) {
                username = vouched.getSubject();
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

        /**
         * Groups as a list, or as one text separated by commas or spaces. Each is matched whole: Keycloak's group
         * claim gives paths such as /sales/managers, and their last part alone ("managers") could be a group
         * anyone may create elsewhere in the tree.
         */
        static List<String> groups(Object value) {
            List<String> groups = new ArrayList<>();
            Collection<?> items = value instanceof Collection<?> many ? many
                    : value == null ? List.of() : Arrays.asList(value.toString().split("[,\\s]+", -1));
            for (Object item : items) {
                String group = text(item);
                if (group != null) {
                    groups.add(group);
                }
            }
            return groups;
        }
    }
}
