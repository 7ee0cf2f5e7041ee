package dev.funnel.identity.internal;

import dev.funnel.identity.SignInSource;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Signs users in from the app_user table, for the login page and HTTP Basic alike: local accounts only, since
 * the others have no password of Funnel's.
 */
@Service
public class FunnelUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    FunnelUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.findCredentials(username)
                .filter(account -> account.source() == SignInSource.LOCAL)
                .map(FunnelPrincipal::new)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
