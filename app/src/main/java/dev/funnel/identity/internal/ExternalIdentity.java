package dev.funnel.identity.internal;

import dev.funnel.identity.Role;
import dev.funnel.identity.SignInSource;
import java.util.Set;

/**
 * A person as the directory or the single sign-on provider vouches for them at sign-in.
 *
 * @param externalId the directory's distinguished name, or the provider's issuer and subject
 * @param roles      what their groups give in Funnel
 */
record ExternalIdentity(SignInSource source, String externalId, String username, String fullName, String email,
                        Set<Role> roles) {

    ExternalIdentity {
        roles = Set.copyOf(roles);
    }
}
