package dev.funnel.identity.internal;

import dev.funnel.identity.ApiTokenScope;
import dev.funnel.identity.ApiTokenService;
import dev.funnel.platform.Messages;
import dev.funnel.platform.web.ApiError;
import dev.funnel.platform.web.RefusalExplainer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * A refusal of a request signed in by a token that lacks a scope names the scope (403, code insufficient_scope,
 * and RFC 6750's WWW-Authenticate), so the integrator knows which token to make. Other refusals answer as the
 * rest of the API does.
 */
@Component
class TokenScopeRefusals implements RefusalExplainer {

    private final SecurityContextHolderStrategy securityContext;
    private final Messages messages;

    TokenScopeRefusals(SecurityContextHolderStrategy securityContext, Messages messages) {
        this.securityContext = securityContext;
        this.messages = messages;
    }

    @Override
    public Optional<ResponseEntity<ApiError>> explain(AccessDeniedException e, Locale locale) {
        Authentication who = securityContext.getContext().getAuthentication();
        ApiTokenScope missing = null;
        if (e instanceof ApiTokenService.MissingScopeException scope) {
            missing = scope.scope();
        } else if (who instanceof ApiTokenAuthentication token && token.adminWithheld()) {
            missing = ApiTokenScope.ADMIN;
        }
        if (missing == null) {
            return Optional.empty();
        }
        return Optional.of(ResponseEntity.status(HttpStatus.FORBIDDEN).header("WWW-Authenticate", challenge(missing))
                .body(new ApiError("insufficient_scope",
                        messages.get("api.error.token-scope", locale, missing.apiName()), List.of())));
    }

    static String challenge(ApiTokenScope missing) {
        return "Bearer realm=\"Funnel\", error=\"insufficient_scope\", scope=\"" + missing.apiName() + "\"";
    }
}
