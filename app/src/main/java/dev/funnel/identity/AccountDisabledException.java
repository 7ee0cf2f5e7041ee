package dev.funnel.identity;

import org.springframework.security.authentication.DisabledException;

/**
 * The directory or the single sign-on provider vouched for the person, but an administrator has disabled their
 * Funnel account. Said plainly only here: their credentials were checked elsewhere and were right, whereas a
 * local account's disabled state is not told to whoever types its name.
 */
public class AccountDisabledException extends DisabledException implements RefusedSignIn {

    private final String username;

    public AccountDisabledException(String username) {
        super("The account " + username + " is disabled in Funnel");
        this.username = username;
    }

    @Override
    public String username() {
        return username;
    }
}
