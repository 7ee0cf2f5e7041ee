package dev.funnel.identity;

/** Where an account proves who it is. */
public enum SignInSource {
    /** Funnel's own password. */
    LOCAL,
    /** The company directory (LDAP or Active Directory), which also decides the account's roles. */
    DIRECTORY,
    /** An OpenID Connect provider (Keycloak, a platform's single sign-on), which also decides the roles. */
    OIDC
}
