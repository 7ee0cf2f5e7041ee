package dev.funnel.identity.internal;

import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** Spring Security's user, carrying the id and name Funnel needs without another query per request. */
public class FunnelPrincipal extends User {

    private final CurrentUser user;

    FunnelPrincipal(UserRepository.Credentials credentials) {
        this(credentials, credentials.passwordHash(), credentials.roles());
    }

    /** The user with only some of their roles and no password: signed in by an API token. */
    FunnelPrincipal(UserRepository.Credentials credentials, String password, Set<Role> roles) {
        super(credentials.username(), password, credentials.enabled(), true, true, true,
                roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                        .collect(Collectors.toSet()));
        this.user = new CurrentUser(credentials.id(), credentials.username(), credentials.fullName(),
                Set.copyOf(roles));
    }

    public CurrentUser user() {
        return user;
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
