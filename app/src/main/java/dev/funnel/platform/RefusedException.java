package dev.funnel.platform;

import java.util.Locale;

/**
 * A rule of the domain refused an action for reasons it can explain in the user's language, about one field of
 * the form (for example the stage gate, about the stage).
 */
public abstract class RefusedException extends RuntimeException {

    protected RefusedException(String message) {
        super(message);
    }

    /** The field the refusal concerns, as forms and the API name it. */
    public abstract String field();

    /** The message key in the bundles. */
    public abstract String messageKey();

    /** The message's arguments, already in the user's language. */
    public abstract Object[] arguments(Locale locale);
}
