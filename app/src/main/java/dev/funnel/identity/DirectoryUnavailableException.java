package dev.funnel.identity;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * The company directory could not be asked: the password was never checked, so the refusal must not read as a
 * wrong password (and is not counted as one).
 */
public class DirectoryUnavailableException extends AuthenticationServiceException {

    public DirectoryUnavailableException(Throwable cause) {
        super("The directory cannot be reached: " + cause.getMessage(), cause);
    }
}
