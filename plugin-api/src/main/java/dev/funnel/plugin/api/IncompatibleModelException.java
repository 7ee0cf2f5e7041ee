package dev.funnel.plugin.api;

/**
 * Thrown by a scorer handed a stored model it cannot read (damaged, or written by another version of the
 * scorer). The host then sets the model aside, trains the scorer again and tells administrators.
 *
 * @since 1.4.0
 */
public class IncompatibleModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @since 1.4.0 */
    public IncompatibleModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
