package dev.funnel.identity;

import org.springframework.security.authentication.AccountStatusException;

/**
 * A person signing in through the directory or single sign-on for the first time has the user name of an
 * account that signs in another way. Funnel does not join the two by name alone: that would let whoever
 * controls one source take over the other account.
 */
public class AccountNameTakenException extends AccountStatusException implements RefusedSignIn {

    private final String username;

    public AccountNameTakenException(String username) {
        super("The user name " + username + " belongs to an account that signs in another way");
        this.username = username;
    }

    @Override
    public String username() {
        return username;
    }
}
