package dev.funnel.identity;

import dev.funnel.identity.internal.SingleSignOnProvider;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** What the login page offers beside the password form: sign-in with the OpenID Connect provider, when set up. */
@Component
public class SingleSignOn {

    /** Where the browser goes to start it: Spring Security's OAuth2 login takes it from there. */
    public static final String START_PATH = "oauth2/authorization/oidc";

    private final Optional<SingleSignOnProvider> provider;
    private final String label;

    SingleSignOn(ObjectProvider<SingleSignOnProvider> provider, @Value("${funnel.oidc.label:}") String label) {
        this.provider = Optional.ofNullable(provider.getIfAvailable());
        this.label = label.trim();
    }

    public boolean enabled() {
        return provider.isPresent();
    }

    /** The provider's name for the button (FUNNEL_OIDC_LABEL), if the administrator gave one. */
    public Optional<String> label() {
        return label.isEmpty() ? Optional.empty() : Optional.of(label);
    }

    /** Whether the provider answers now; if not, the login page says so instead of sending the browser off. */
    public boolean reachable() {
        return provider.map(SingleSignOnProvider::reachable).orElse(false);
    }
}
