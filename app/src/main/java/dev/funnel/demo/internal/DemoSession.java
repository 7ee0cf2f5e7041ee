package dev.funnel.demo.internal;

import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * Acts as a user of the demo company: the seeding calls the modules' services, which check roles and record who
 * did what, so the administrator stores the company and each rep logs their own follow-ups. The user is loaded
 * through the application's own user store, with the roles it gives, and signed in on this thread only for the
 * call; whoever was signed in before (at start-up, nobody) is back afterwards.
 */
@Component
class DemoSession {

    private final UserDetailsService userStore;
    private final SecurityContextHolderStrategy securityContext;

    DemoSession(UserDetailsService userStore, SecurityContextHolderStrategy securityContext) {
        this.userStore = userStore;
        this.securityContext = securityContext;
    }

    <T> T as(String username, Supplier<T> action) {
        UserDetails user = userStore.loadUserByUsername(username);
        Authentication previous = securityContext.getContext().getAuthentication();
        securityContext.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        try {
            return action.get();
        } finally {
            if (previous == null) {
                securityContext.clearContext();
            } else {
                securityContext.getContext().setAuthentication(previous);
            }
        }
    }

    void as(String username, Runnable action) {
        as(username, () -> {
            action.run();
            return null;
        });
    }
}
