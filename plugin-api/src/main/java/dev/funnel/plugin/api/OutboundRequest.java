package dev.funnel.plugin.api;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request a plugin asks the host to send ({@link PluginContext#http()}).
 *
 * @since 1.3.0
 */
public final class OutboundRequest {

    private final String method;
    private final URI uri;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Duration timeout;

    /**
     * @param method  {@code GET} or {@code POST}
     * @param uri     an absolute http or https address
     * @param headers request headers, name to value
     * @param body    the body of a POST; empty or null for a GET
     * @param timeout how long to wait for the answer; the host caps it at 30 s
     * @since 1.3.0
     */
    public OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        this.method = Objects.requireNonNull(method, "method");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.body = body == null ? new byte[0] : body.clone();
        this.timeout = timeout;
    }

    /** A POST, for example of JSON. @since 1.3.0 */
    public static OutboundRequest post(URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        return new OutboundRequest("POST", uri, headers, body, timeout);
    }

    /** @since 1.3.0 */
    public String method() {
        return method;
    }

    /** @since 1.3.0 */
    public URI uri() {
        return uri;
    }

    /** @since 1.3.0 */
    public Map<String, String> headers() {
        return headers;
    }

    /** A copy of the body. @since 1.3.0 */
    public byte[] body() {
        return body.clone();
    }

    /** @since 1.3.0 */
    public Duration timeout() {
        return timeout;
    }
}
