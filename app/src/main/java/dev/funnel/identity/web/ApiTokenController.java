package dev.funnel.identity.web;

import dev.funnel.identity.ApiToken;
import dev.funnel.identity.ApiTokenScope;
import dev.funnel.identity.ApiTokenService;
import dev.funnel.identity.IssuedApiToken;
import dev.funnel.identity.NewApiToken;
import dev.funnel.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API tokens over the API (docs/api.md, "Authentication"): one's own under /me/tokens, everyone's for
 * administrators under /tokens, and tokens for an integration's account under /users/{id}/tokens.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Identity")
class ApiTokenController {

    private final ApiTokenService tokens;
    private final Clock clock;

    ApiTokenController(ApiTokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Schema(description = "A token to create", example = """
            {"name": "ERP order sync", "scopes": ["read", "write"], "expiresOn": "2027-06-30"}""")
    record TokenRequest(
            @Schema(description = "What uses the token, at most 100 characters") String name,
            @Schema(description = "read, write or admin; each includes the ones before it") List<String> scopes,
            @Schema(description = "The last day the token works, in the company's time zone; none: until revoked")
            LocalDate expiresOn) {
    }

    @Schema(description = "A token; its secret is never shown again after it was created")
    record TokenView(long id, long userId, String username, String name,
                     @Schema(description = "The secret's first characters, to tell tokens apart") String prefix,
                     List<String> scopes, Instant expiresAt, Instant createdAt, Instant lastUsedAt,
                     String lastUsedFrom, Instant revokedAt,
                     @Schema(description = "active, expired or revoked") String status) {
    }

    @Schema(description = "A token just created, with its secret (send it as Authorization: Bearer <secret>)")
    record IssuedView(TokenView token, String secret) {
    }

    @GetMapping("/me/tokens")
    @Operation(summary = "The caller's API tokens, newest first, without their secrets")
    List<TokenView> mine() {
        return tokens.mine().stream().map(this::view).toList();
    }

    @PostMapping("/me/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an API token for the caller; the answer holds the secret, shown this once. "
            + "Through a token, a new token may not have a wider scope or a later expiry than the caller's")
    IssuedView issueMine(@RequestBody TokenRequest request) {
        return issued(tokens.issueMine(toNew(request)));
    }

    @DeleteMapping("/me/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke one of the caller's tokens: requests bearing it are refused at once")
    void revokeMine(@PathVariable long id) {
        tokens.revoke(id);
    }

    @GetMapping("/tokens")
    @Operation(summary = "Every user's API tokens, newest first (administrators)")
    List<TokenView> all() {
        return tokens.all().stream().map(this::view).toList();
    }

    @PostMapping("/users/{userId}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a token for a user, such as the account an integration runs as (administrators)")
    IssuedView issueFor(@PathVariable long userId, @RequestBody TokenRequest request) {
        return issued(tokens.issueFor(userId, toNew(request)));
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke any user's token (administrators; owners may revoke their own here too)")
    void revoke(@PathVariable long id) {
        tokens.revoke(id);
    }

    private static NewApiToken toNew(TokenRequest request) {
        Set<ApiTokenScope> scopes = EnumSet.noneOf(ApiTokenScope.class);
        for (String scope : request.scopes() == null ? List.<String>of() : request.scopes()) {
            try {
                scopes.add(ApiTokenScope.valueOf(String.valueOf(scope).trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("scopes", "validation.token-scope-unknown", String.valueOf(scope));
            }
        }
        return new NewApiToken(request.name(), scopes, request.expiresOn());
    }

    private IssuedView issued(IssuedApiToken issued) {
        return new IssuedView(view(issued.token()), issued.secret());
    }

    private TokenView view(ApiToken token) {
        String status = token.revokedAt() != null ? "revoked" : token.activeAt(clock.instant()) ? "active" : "expired";
        return new TokenView(token.id(), token.userId(), token.username(), token.name(), token.prefix(),
                token.scopes().stream().sorted().map(ApiTokenScope::apiName).toList(), token.expiresAt(),
                token.createdAt(), token.lastUsedAt(), token.lastUsedFrom(), token.revokedAt(), status);
    }
}
