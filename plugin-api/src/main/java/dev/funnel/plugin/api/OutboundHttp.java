package dev.funnel.plugin.api;

import java.io.IOException;

/**
 * HTTP to the outside world, through the host, so that every plugin reaching out is held to the same address
 * safety: the host resolves the name, refuses loopback, private, link-local (cloud metadata) and other internal
 * addresses unless administrators allowed them, connects only to the addresses it checked, and never follows a
 * redirect.
 *
 * @since 1.3.0
 */
public interface OutboundHttp {

    /**
     * Sends the request and reads the answer.
     *
     * @throws RefusedDestinationException when the address is not allowed (do not retry)
     * @throws IOException                 when there was no answer: no connection, a time-out
     * @since 1.3.0
     */
    OutboundResponse send(OutboundRequest request) throws IOException;
}
