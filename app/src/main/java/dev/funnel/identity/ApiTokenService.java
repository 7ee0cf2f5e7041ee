package dev.funnel.identity;

import dev.funnel.identity.internal.ApiTokenRepository;
import dev.funnel.identity.internal.UserRepository;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: issued to oneself (personal) or by an administrator to any user, such as an account an integration
 * runs as; listed without their secrets; revoked by their owner or an administrator. A token signs requests in as
 * its user, narrowed by its scopes (see {@link ApiTokenScope}).
 */
@Service
@Transactional(readOnly = true)
public class ApiTokenService {

    /** Secrets start with this, so that secret scanners and people can tell a Funnel token in a leaked file. */
    public static final String SECRET_PREFIX = "fnl_";
    public static final int NAME_MAX = 100;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final CurrentUserProvider currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiTokenService(ApiTokenRepository tokens, UserRepository users, CurrentUserProvider currentUser,
                    ApplicationEventPublisher events, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** The signed-in user's tokens, newest first, revoked and expired ones included. */
    @PermitAll
    public List<ApiToken> mine() {
        return tokens.findByUser(currentUser.require().id());
    }

    /** Every user's tokens, newest first: what administrators review and revoke. */
    @RolesAllowed(Role.Names.ADMIN)
    public List<ApiToken> all() {
        return tokens.findAll();
    }

    /** A token for the signed-in user. */
    @Transactional
    @PermitAll
    public IssuedApiToken issueMine(NewApiToken request) {
        return issue(currentUser.require().id(), request);
    }

    /** A token for any enabled user, typically the account an integration runs as. */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public IssuedApiToken issueFor(long userId, NewApiToken request) {
        return issue(userId, request);
    }

    private IssuedApiToken issue(long userId, NewApiToken request) {
        CurrentUser me = currentUser.require();
        UserRepository.Credentials owner = users.findCredentials(userId)
                .orElseThrow(() -> new NotFoundException("user", userId));
        LocalDate today = LocalDate.now(clock);
        Checks.start()
                .required("name", request.name())
                .maxLength("name", request.name(), NAME_MAX)
                .rule(!request.scopes().isEmpty(), "scopes", "validation.required")
                .rule(!request.scopes().contains(ApiTokenScope.ADMIN) || owner.roles().contains(Role.ADMIN),
                        "scopes", "validation.token-admin-scope")
                .rule(request.expiresOn() == null || request.expiresOn().isAfter(today.minusDays(1)),
                        "expiresOn", "validation.token-expiry-past")
                .rule(owner.enabled(), "userId", "validation.token-user-disabled")
                .orThrow();
        ApiTokenScope scope = ApiTokenScope.widest(request.scopes());
        Instant expiresAt = request.expiresOn() == null ? null
                : request.expiresOn().plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        // a token may issue tokens, but none that could do more or last longer than itself
        Optional<ApiToken> caller = currentUser.token().flatMap(tokens::findById);
        if (caller.isPresent()) {
            ApiTokenScope callerScope = ApiTokenScope.widest(caller.get().scopes());
            if (scope.compareTo(callerScope) > 0) {
                throw new MissingScopeException(scope);
            }
            Instant callerExpiry = caller.get().expiresAt();
            if (callerExpiry != null && (expiresAt == null || expiresAt.isAfter(callerExpiry))) {
                throw dev.funnel.platform.InvalidInputException.of("expiresOn", "validation.token-outlives-caller",
                        LocalDate.ofInstant(callerExpiry.minusNanos(1), clock.getZone()));
            }
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        long id = tokens.insert(userId, request.name().strip(), secret, scope.withIncluded(), expiresAt, me.id());
        ApiToken token = tokens.findById(id).orElseThrow();
        events.publishEvent(new ApiTokenIssued(id, owner.username(), token.name(), token.scopes(), expiresAt));
        return new IssuedApiToken(token, secret);
    }

    /**
     * Stops a token at once. Its owner or an administrator may; to anyone else it does not exist. Revoking a
     * revoked token changes nothing.
     */
    @Transactional
    @PermitAll
    public ApiToken revoke(long id) {
        CurrentUser me = currentUser.require();
        ApiToken token = tokens.findById(id)
                .filter(t -> t.userId() == me.id() || me.isAdmin())
                .orElseThrow(() -> new NotFoundException("api-token", id));
        if (token.revokedAt() != null) {
            return token;
        }
        tokens.revoke(id, me.id());
        events.publishEvent(new ApiTokenRevoked(id, token.username(), token.name()));
        return tokens.findById(id).orElseThrow();
    }

    /** Refused because the token the request came with lacks a scope; the API answers 403 naming it. */
    public static class MissingScopeException extends AccessDeniedException {

        private final ApiTokenScope scope;

        public MissingScopeException(ApiTokenScope scope) {
            super("The token lacks the scope " + scope.apiName());
            this.scope = scope;
        }

        public ApiTokenScope scope() {
            return scope;
        }
    }
}
