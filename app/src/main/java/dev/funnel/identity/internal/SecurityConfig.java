package dev.funnel.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.funnel.identity.ui.LoginView;
import dev.funnel.platform.DatabaseOutage;
import dev.funnel.platform.Messages;
import dev.funnel.platform.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.List;
import dev.funnel.identity.AccountWithoutRoleException;
import dev.funnel.identity.DirectoryUnavailableException;
import dev.funnel.identity.SignInThrottledException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Filter chains over the same users: the REST API with API tokens (Bearer) or stateless HTTP Basic and JSON
 * errors, and the browser
 * UI with Vaadin's login view (and, when set up, OpenID Connect beside it). Passwords are checked by the one
 * {@link ThrottledAuthenticationProvider}, locally or by the directory. Method security ({@code @RolesAllowed}) guards every service method.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfig {

    /** bcrypt today, with the algorithm in the stored hash so a stronger one can take over without a reset. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Every refused sign-in as an event for the audit trail, also the refusals Spring has no event of its own
     * for: a person the directory or the provider vouched for but Funnel turned away, a provider's error.
     */
    @Bean
    org.springframework.security.authentication.DefaultAuthenticationEventPublisher authenticationEventPublisher(
            org.springframework.context.ApplicationEventPublisher events) {
        var publisher = new org.springframework.security.authentication.DefaultAuthenticationEventPublisher(events);
        publisher.setDefaultAuthenticationFailureEvent(org.springframework.security.authentication.event
                .AuthenticationFailureServiceExceptionEvent.class);
        return publisher;
    }

    /**
     * No observation of the security filters, sign-ins or authorization checks: http_server_requests already times
     * every request, and wrapping each of a request's dozen filters in an observation took about a twentieth of an
     * API request's server time (issue 17), even with those observations switched off by a predicate.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /** Health for anyone (it says UP or DOWN, nothing else); metrics for administrators, with HTTP Basic. */
    @Bean
    @Order(0)
    SecurityFilterChain managementSecurity(HttpSecurity http, ObjectMapper json, Messages messages)
            throws Exception {
        browserHeaders(http, NOTHING_POLICY);
        return http
                .securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(dev.funnel.identity.Role.Names.ADMIN))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                        refused(request, response, e, json, messages)))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) ->
                        writeError(response, json, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                                messages.get("api.error.forbidden", request.getLocale()))))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json, Messages messages, ApiTokenRepository tokens,
                                    org.springframework.security.core.context.SecurityContextHolderStrategy context,
                                    java.time.Clock clock) throws Exception {
        browserHeaders(http, NOTHING_POLICY);
        // a bearer token is looked at first; a request without one goes on to HTTP Basic
        http.addFilterBefore(new ApiTokenFilter(tokens, context, json, messages, clock),
                org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class);
        return http
                .securityMatcher("/api/**", "/v3/api-docs/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/v3/api-docs/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                        refused(request, response, e, json, messages)))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) ->
                        writeError(response, json, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                                "Your role does not allow this request.")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // stateless: no session to sign out of, and no request to resume after a sign-in page
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * Calendar addresses: the secret in the path signs the request in as the address's owner (CalendarFeedFilter);
     * nothing else does, and nothing is kept between requests.
     */
    @Bean
    @Order(2)
    SecurityFilterChain calendarSecurity(HttpSecurity http, CalendarFeedRepository feeds, UserRepository users,
                                         org.springframework.security.core.context.SecurityContextHolderStrategy
                                                 context) throws Exception {
        browserHeaders(http, NOTHING_POLICY);
        http.addFilterBefore(new CalendarFeedFilter(feeds, users, context),
                org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class);
        return http
                .securityMatcher(dev.funnel.identity.CalendarFeedService.PATH_PREFIX + "**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain uiSecurity(HttpSecurity http, ObjectProvider<OpenIdSignIn.DiscoveredProvider> openIdProvider,
                                   ObjectProvider<OpenIdSignIn.OpenIdAccounts> openIdAccounts,
                                   org.springframework.security.core.session.SessionRegistry sessions)
            throws Exception {
        browserHeaders(http, UI_POLICY);
        // every sign-in is registered, so that an account disabled or given other roles is signed out at once
        http.sessionManagement(session -> session.maximumSessions(-1).sessionRegistry(sessions)
                .expiredSessionStrategy(new SignedInSessions.ToLoginPage()));
        OpenIdSignIn.DiscoveredProvider provider = openIdProvider.getIfAvailable();
        if (provider != null) {
            // beside the password form, on the same login page; a refusal comes back to it as ?error
            http.oauth2Login(login -> login
                    .loginPage("/login")
                    .clientRegistrationRepository(provider)
                    .userInfoEndpoint(info -> info.oidcUserService(openIdAccounts.getObject())));
        }
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
    }

    /**
     * What the UI may load and run: only Funnel's own resources. Vaadin's client engine needs inline and
     * evaluated scripts and inline styles (its documented requirement); charts draw on canvas and images may be
     * data: or blob: URLs (exports, icons); push uses a WebSocket to the same host.
     */
    static final String UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self' ws: wss:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'self'";
    /** JSON and metrics are never a page: nothing may load from them. */
    static final String NOTHING_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /**
     * Headers every answer carries. HSTS (a year) and the session cookie's Secure flag follow the request's
     * scheme, which behind a trusted proxy is the one it forwarded (server.forward-headers-strategy).
     */
    private static void browserHeaders(HttpSecurity http, String policy) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .referrerPolicy(referrer -> referrer.policy(
                        ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS))
                .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true)));
    }

    /**
     * Why a request was not signed in: paused after failed attempts (429 with Retry-After), the database or the
     * directory out of reach (503: the password was never checked, so it must not read as wrong), a directory
     * account whose groups give no role (403), or no valid credentials (401).
     */
    private static void refused(HttpServletRequest request, HttpServletResponse response, AuthenticationException e,
                                ObjectMapper json, Messages messages) throws IOException {
        Locale locale = request.getLocale();
        if (e instanceof SignInThrottledException throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            writeError(response, json, 429, "sign_in_paused",
                    messages.get("api.error.sign-in-paused", locale, throttled.retryAfterSeconds()));
        } else if (e instanceof DirectoryUnavailableException) {
            response.setHeader("Retry-After", "10");
            writeError(response, json, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "directory_unavailable",
                    messages.get("api.error.directory-unavailable", locale));
        } else if (e instanceof AccountWithoutRoleException) {
            writeError(response, json, HttpServletResponse.SC_FORBIDDEN, "no_role",
                    messages.get("api.error.no-role", locale));
        } else if (DatabaseOutage.causedBy(e)) {
            response.setHeader("Retry-After", "10");
            writeError(response, json, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "database_unavailable",
                    messages.get("api.error.database-unavailable", locale));
        } else {
            writeError(response, json, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                    messages.get("api.error.unauthorized", locale));
        }
    }

    private static void writeError(HttpServletResponse response, ObjectMapper json, int status, String code,
                                   String message) throws IOException {
        writeError(response, json, status, code, message,
                status == HttpServletResponse.SC_UNAUTHORIZED ? "Basic realm=\"Funnel\"" : null);
    }

    /**
     * A refusal before any controller ran, as the API's JSON error ({@link ApiError}); {@code challenge} is the
     * WWW-Authenticate header to send, if any (the bearer token's refusals send RFC 6750's).
     */
    static void writeError(HttpServletResponse response, ObjectMapper json, int status, String code, String message,
                           String challenge) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        json.writeValue(response.getOutputStream(), new ApiError(code, message, List.of()));
    }
}
