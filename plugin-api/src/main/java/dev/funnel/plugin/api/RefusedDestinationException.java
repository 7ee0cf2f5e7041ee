package dev.funnel.plugin.api;

import java.io.IOException;

/**
 * The host would not connect to an address: a loopback, private, link-local (cloud metadata) or otherwise
 * internal address that administrators have not allowed. Trying again does not help; the message says which
 * address and why, for the plugin's log.
 *
 * @since 1.3.0
 */
public class RefusedDestinationException extends IOException {

    private static final long serialVersionUID = 1L;

    public RefusedDestinationException(String message) {
        super(message);
    }
}
