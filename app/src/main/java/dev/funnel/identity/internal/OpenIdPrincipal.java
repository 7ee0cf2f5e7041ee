package dev.funnel.identity.internal;

import java.util.Map;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A Funnel user signed in through OpenID Connect: Funnel's principal (id, name and roles, as every other
 * sign-in gives) that Spring's OAuth2 login also accepts as the provider's user.
 */
class OpenIdPrincipal extends FunnelPrincipal implements OidcUser {

    private final OidcIdToken idToken;
    private final OidcUserInfo userInfo;

    OpenIdPrincipal(UserRepository.Credentials account, OidcUser vouched) {
        super(account);
        this.idToken = vouched.getIdToken();
        this.userInfo = vouched.getUserInfo();
    }

    @Override
    public Map<String, Object> getClaims() {
        return idToken.getClaims();
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return userInfo;
    }

    @Override
    public OidcIdToken getIdToken() {
        return idToken;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return idToken.getClaims();
    }

    /** Funnel's user name, which the audit trail and the session know the person by. */
    @Override
    public String getName() {
        return getUsername();
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
