package dev.funnel.identity;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unchecked because of earlier failures; says how long to wait. */
public class SignInThrottledException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public SignInThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins; retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up: never tells a client to come back before the pause ends. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
