package dev.funnel.identity.internal;

import dev.funnel.identity.SignInSource;
import dev.funnel.identity.SignInThrottledException;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Password sign-in for the login page and HTTP Basic alike, through the throttle: a paused account or address
 * is refused before its password is checked, and every outcome is counted. A local account's password is
 * Funnel's to check; with the directory on, every other name is the directory's (and an account that signs in
 * with single sign-on has no password here at all).
 */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    /**
     * One password check at a time per account (by stripe): otherwise a burst of parallel guesses all pass the
     * pause check before the first failure is counted, and the limit becomes bcrypt's speed.
     */
    private final Object[] stripes = new Object[256];
    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final UserRepository accounts;
    private final Optional<DirectorySignIn> directory;

    ThrottledAuthenticationProvider(FunnelUserDetailsService users, PasswordEncoder encoder,
                                    SignInThrottle throttle, UserRepository accounts,
                                    ObjectProvider<DirectorySignIn> directory) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
        this.accounts = accounts;
        this.directory = Optional.ofNullable(directory.getIfAvailable());
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String username = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress()
                : null;
        String account = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        synchronized (stripes[Math.floorMod(account.hashCode(), stripes.length)]) {
            var pause = throttle.pause(username, address);
            if (pause.isPresent()) {
                throw new SignInThrottledException(pause.get());
            }
            try {
                Authentication signedIn = check(attempt);
                throttle.succeeded(username, address);
                return signedIn;
            } catch (BadCredentialsException e) {
                // unknown users count too: Spring answers them alike, so guessing names gains nothing
                throttle.failed(username, address);
                throw e;
            }
        }
    }

    private Authentication check(Authentication attempt) {
        if (directory.isEmpty()) {
            return passwords.authenticate(attempt);
        }
        SignInSource source;
        try {
            source = accounts.findCredentials(attempt.getName()).map(UserRepository.Credentials::source)
                    .orElse(SignInSource.DIRECTORY);
        } catch (org.springframework.dao.DataAccessException e) {
            // as Spring's own password check reports it: the outage is told apart from a wrong password
            throw new InternalAuthenticationServiceException("The accounts cannot be read", e);
        }
        return switch (source) {
            case LOCAL -> passwords.authenticate(attempt);
            case DIRECTORY -> directory.get().signIn(attempt);
            case OIDC -> throw new BadCredentialsException("The account signs in with single sign-on only");
        };
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
