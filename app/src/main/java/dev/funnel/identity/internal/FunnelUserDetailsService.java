package dev.funnel.identity.internal;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Signs users in from the app_user table, for the login page and HTTP Basic alike. */
@Service
public class FunnelUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    FunnelUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.findCredentials(username)
                .map(FunnelPrincipal::new)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
