package dev.funnel.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.identity.ApiTokenScope;
import dev.funnel.identity.Role;
import dev.funnel.platform.Messages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a REST request that carries {@code Authorization: Bearer <token>}: one indexed look-up by the secret's
 * hash instead of a bcrypt check per request. A request without a bearer token goes on to HTTP Basic.
 *
 * <p>The token acts as its user as they are now (a disabled account or changed roles count at once), narrowed by
 * its scopes: a read-only token only reads (GET, HEAD), and a token without the admin scope leaves out the
 * administrator role. An unknown, revoked or expired token is refused with 401 at once, saying which.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiTokenRepository tokens;
    private final SecurityContextHolderStrategy securityContext;
    private final ObjectMapper json;
    private final Messages messages;
    private final Clock clock;

    ApiTokenFilter(ApiTokenRepository tokens, SecurityContextHolderStrategy securityContext,
                   ObjectMapper json, Messages messages, Clock clock) {
        this.tokens = tokens;
        this.securityContext = securityContext;
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String secret = header.substring(BEARER.length()).strip();
        Instant now = clock.instant();
        Optional<ApiTokenRepository.Bearer> found = secret.isEmpty() ? Optional.empty() : tokens.findBySecret(secret);
        if (found.isEmpty()) {
            refuse(request, response, "api.error.token-unknown");
            return;
        }
        ApiTokenRepository.Bearer token = found.get();
        if (token.revokedAt() != null) {
            refuse(request, response, "api.error.token-revoked", token.revokedAt().toString());
            return;
        }
        if (token.expiresAt() != null && !token.expiresAt().isAfter(now)) {
            refuse(request, response, "api.error.token-expired", token.expiresAt().toString());
            return;
        }
        UserRepository.Credentials user = token.user();
        if (!user.enabled()) {
            refuse(request, response, "api.error.token-user-disabled");
            return;
        }
        ApiTokenScope needed = READING.contains(request.getMethod()) ? ApiTokenScope.READ : ApiTokenScope.WRITE;
        if (!token.scopes().contains(needed)) {
            SecurityConfig.writeError(response, json, HttpServletResponse.SC_FORBIDDEN, "insufficient_scope",
                    messages.get("api.error.token-scope", request.getLocale(), needed.apiName()),
                    TokenScopeRefusals.challenge(needed));
            return;
        }
        if (token.lastUsedAt() == null
                || token.lastUsedAt().isBefore(now.minus(ApiTokenRepository.LAST_USE_GRANULARITY))) {
            tokens.recordUse(token.id(), request.getRemoteAddr());
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(user.roles());
        boolean adminWithheld = roles.contains(Role.ADMIN) && !token.scopes().contains(ApiTokenScope.ADMIN);
        if (adminWithheld) {
            roles.remove(Role.ADMIN);
        }
        SecurityContext context = securityContext.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(new FunnelPrincipal(user, "", roles), token.id(),
                token.scopes(), adminWithheld, token.visibleOwners()));
        securityContext.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            securityContext.clearContext();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String messageKey,
                        Object... arguments) throws IOException {
        SecurityConfig.writeError(response, json, HttpServletResponse.SC_UNAUTHORIZED, "invalid_token",
                messages.get(messageKey, request.getLocale(), arguments),
                "Bearer realm=\"Funnel\", error=\"invalid_token\"");
    }
}
