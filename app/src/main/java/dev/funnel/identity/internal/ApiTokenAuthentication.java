package dev.funnel.identity.internal;

import dev.funnel.identity.ApiTokenScope;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request signed in by an API token: its user (with only the roles the token's scopes leave), the token's id and
 * its scopes, and whether the user is an administrator the token does not let act as one.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final FunnelPrincipal principal;
    private final long tokenId;
    private final Set<ApiTokenScope> scopes;
    private final boolean adminWithheld;
    private final Set<Long> managerOwners;

    ApiTokenAuthentication(FunnelPrincipal principal, long tokenId, Set<ApiTokenScope> scopes,
                           boolean adminWithheld, Set<Long> managerOwners) {
        super(principal.getAuthorities());
        this.principal = principal;
        this.tokenId = tokenId;
        this.scopes = Set.copyOf(scopes);
        this.adminWithheld = adminWithheld;
        this.managerOwners = Set.copyOf(managerOwners);
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return ""; // the secret is not kept past the look-up
    }

    @Override
    public FunnelPrincipal getPrincipal() {
        return principal;
    }

    public long tokenId() {
        return tokenId;
    }

    public Set<ApiTokenScope> scopes() {
        return scopes;
    }

    /** The user is an administrator, but the token lacks the admin scope: a refusal names that scope. */
    public boolean adminWithheld() {
        return adminWithheld;
    }

    /**
     * Whose records the user sees as a manager, read when this request was signed in: a token signs in one request
     * only, so they are as current as a second look-up would be, without its round trip (issue 17).
     */
    public Set<Long> managerOwners() {
        return managerOwners;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiTokenAuthentication that && tokenId == that.tokenId && super.equals(other);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tokenId);
    }
}
