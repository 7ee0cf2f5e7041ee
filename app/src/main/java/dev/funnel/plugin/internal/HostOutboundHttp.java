package dev.funnel.plugin.internal;

import dev.funnel.plugin.api.OutboundHttp;
import dev.funnel.plugin.api.OutboundRequest;
import dev.funnel.plugin.api.OutboundResponse;
import dev.funnel.plugin.api.RefusedDestinationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.apache.hc.core5.http.ClassicHttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Plugins' HTTP to the outside world ({@link OutboundHttp}). The connection pool resolves names through the
 * {@link DestinationPolicy}, so the addresses checked are the very addresses connected to: a name that resolves
 * to a public address when it is saved and to an internal one later (DNS rebinding) is refused when it is used.
 * Redirects are answered as they are, never followed; nothing is retried behind the plugin's back.
 */
@Component
public class HostOutboundHttp implements OutboundHttp, DisposableBean {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration LONGEST = Duration.ofSeconds(30);
    static final int BODY_KEPT = 64 * 1024;

    /** Carries a refusal through the pool, which only lets a resolver fail with an UnknownHostException. */
    private static final class Refused extends UnknownHostException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final CloseableHttpClient client;

    HostOutboundHttp(DestinationPolicy policy) {
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return policy.resolve(host);
                } catch (RefusedDestinationException e) {
                    throw new Refused(e.getMessage());
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checked)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT)).build())
                        .setMaxConnPerRoute(4).setMaxConnTotal(50)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Funnel")
                .build();
    }

    @Override
    public OutboundResponse send(OutboundRequest request) throws IOException {
        String scheme = request.uri().getScheme() == null ? "" : request.uri().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedDestinationException(request.uri() + " is not an http or https address");
        }
        Duration timeout = request.timeout() == null || request.timeout().compareTo(LONGEST) > 0 ? LONGEST
                : request.timeout();
        HttpUriRequestBase http = new HttpUriRequestBase(request.method().toUpperCase(Locale.ROOT), request.uri());
        http.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout)).build());
        request.headers().forEach(http::setHeader);
        if (request.body().length > 0) {
            http.setEntity(new ByteArrayEntity(request.body(), null));
        }
        // the timeout above bounds each wait; this bounds the whole exchange, a receiver trickling its answer too
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            // set before the cut, so that the failure it causes is always told as the deadline's
            timedOut.set(true);
            http.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ClassicHttpResponse response = client.executeOpen(null, http, null);
            try {
                byte[] body = new byte[0];
                if (response.getEntity() != null) {
                    body = response.getEntity().getContent().readNBytes(BODY_KEPT);
                    if (body.length == BODY_KEPT) {
                        // what follows is not kept, so it is not read either: closing would drain it all
                        http.cancel();
                    }
                }
                return new OutboundResponse(response.getCode(), body);
            } finally {
                if (!http.isCancelled()) {
                    response.close();
                }
            }
        } catch (Refused e) {
            throw new RefusedDestinationException(e.getMessage());
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new java.net.SocketTimeoutException(request.uri() + " did not answer within "
                        + timeout.toSeconds() + " s");
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /** One daemon thread that cuts exchanges past their deadline. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "outbound-http-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
