package dev.funnel.identity.internal;

/** The OpenID Connect provider as the login page needs it, without Spring's OAuth2 types. */
public interface SingleSignOnProvider {

    /** Whether the provider's settings could be read from its issuer (now or before). */
    boolean reachable();
}
