package dev.funnel.plugin.api;

/**
 * The answer to an {@link OutboundRequest}: its HTTP status (a redirect is answered as it is, never followed)
 * and the first 64 KB of its body.
 *
 * @since 1.3.0
 */
public final class OutboundResponse {

    private final int status;
    private final byte[] body;

    /** @since 1.3.0 */
    public OutboundResponse(int status, byte[] body) {
        this.status = status;
        this.body = body == null ? new byte[0] : body.clone();
    }

    /** @since 1.3.0 */
    public int status() {
        return status;
    }

    /** A copy of the body. @since 1.3.0 */
    public byte[] body() {
        return body.clone();
    }
}
