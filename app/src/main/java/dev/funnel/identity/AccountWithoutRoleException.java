package dev.funnel.identity;

import org.springframework.security.authentication.AccountStatusException;

/**
 * The directory or the single sign-on provider knows the person, but none of their groups gives a role in
 * Funnel: their credentials were right, so the refusal says what an administrator has to change.
 */
public class AccountWithoutRoleException extends AccountStatusException implements RefusedSignIn {

    private final String username;

    public AccountWithoutRoleException(String username) {
        super("No group of " + username + " is mapped to a role in Funnel");
        this.username = username;
    }

    @Override
    public String username() {
        return username;
    }
}
