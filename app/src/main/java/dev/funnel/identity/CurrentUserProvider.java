package dev.funnel.identity;

import dev.funnel.identity.internal.ApiTokenAuthentication;
import dev.funnel.identity.internal.FunnelPrincipal;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/** Reads the signed-in user from Spring Security, for the browser session and the REST API alike. */
@Component
public class CurrentUserProvider {

    /** The application's own strategy bean, not the static holder, which another context may replace. */
    private final SecurityContextHolderStrategy securityContext;

    CurrentUserProvider(SecurityContextHolderStrategy securityContext) {
        this.securityContext = securityContext;
    }

    public Optional<CurrentUser> find() {
        Authentication authentication = securityContext.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof FunnelPrincipal principal) {
            return Optional.of(principal.user());
        }
        return Optional.empty();
    }

    /** The id of the API token the request was signed in with, if it was. */
    public Optional<Long> token() {
        return securityContext.getContext().getAuthentication() instanceof ApiTokenAuthentication token
                ? Optional.of(token.tokenId()) : Optional.empty();
    }

    /**
     * Whose records the user sees as a manager, when the request's sign-in already read them (a request signed in by
     * an API token): {@link UserService#visibleScope()} then needs no query of its own.
     */
    Optional<java.util.Set<Long>> managerOwnersReadAtSignIn() {
        return securityContext.getContext().getAuthentication() instanceof ApiTokenAuthentication token
                ? Optional.of(token.managerOwners()) : Optional.empty();
    }

    public CurrentUser require() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("not signed in"));
    }
}
