package dev.funnel.plugins.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.funnel.plugin.api.Delivery;
import dev.funnel.plugin.api.DeliveryOutcome;
import dev.funnel.plugin.api.DomainEvent;
import dev.funnel.plugin.api.LogEntry;
import dev.funnel.plugin.api.PluginContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries to a real HTTP server: signed so the receiver can verify them, retried after a 500, each attempt
 * logged; events a target did not choose are not sent. The host's side of plugin API 1.2.0 (queue, attempts as
 * the handler asks, a log line per attempt) is played by {@link #dispatcher}; the real host is tested in the app's
 * WebhooksPluginTest.
 */
class WebhookDispatcherTest {

    static final String SECRET = "a-secret-of-more-than-16";

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    final List<LogEntry> log = new CopyOnWriteArrayList<>();
    String url;

    /** What the receiver got, the body byte for byte since the signature covers exactly those bytes. */
    static final class Received {
        private final byte[] body;
        private final String signature;
        private final String timestamp;
        private final String event;

        Received(byte[] body, String signature, String timestamp, String event) {
            this.body = body.clone();
            this.signature = signature;
            this.timestamp = timestamp;
            this.event = event;
        }

        byte[] body() {
            return body.clone();
        }

        String signature() {
            return signature;
        }

        String timestamp() {
            return timestamp;
        }

        String event() {
            return event;
        }
    }

    @BeforeEach
    void aReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestBody().readAllBytes(),
                    exchange.getRequestHeaders().getFirst(Signature.HEADER),
                    exchange.getRequestHeaders().getFirst(Signature.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst("X-Funnel-Event")));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_delivery_is_signed_retried_after_a_500_and_logged() throws Exception {
        failuresLeft.set(1);
        WebhookDispatcher webhooks = dispatcher(Map.of(WebhookSettings.URL, url, WebhookSettings.SECRET, SECRET,
                WebhookSettings.EVENTS, "opportunity.won, customer.created"));

        webhooks.onEvent(new DomainEvent(DomainEvent.OPPORTUNITY_WON, Instant.parse("2026-11-27T06:00:00Z"), 42L, 7L,
                Map.of("amount", "90000.00", "name", "Acme \"ERP\"")));
        awaitLog(2);

        assertThat(received).hasSize(2);
        Received last = received.get(1);
        assertThat(Signature.verify(SECRET, last.body(), last.signature())).isTrue();
        assertThat(Signature.verify("another-secret-of-16+", last.body(), last.signature())).isFalse();
        String body = new String(last.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"type\":\"opportunity.won\"").contains("\"subjectId\":42")
                .contains("\"name\":\"Acme \\\"ERP\\\"\"").contains("\"sentAt\":\"");
        assertThat(last.event()).isEqualTo("opportunity.won");
        assertThat(last.timestamp()).matches("\\d+");
        assertThat(log).extracting(LogEntry::status, LogEntry::attempt, LogEntry::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("RETRYING", 1, 500),
                        org.assertj.core.groups.Tuple.tuple("DELIVERED", 2, 200));
        assertThat(log.get(0).subject()).isEqualTo("opportunity.won #42");
        assertThat(log.get(0).target()).isEqualTo(url);
    }

    @Test
    void a_target_that_keeps_failing_is_given_up_after_the_last_attempt() throws Exception {
        failuresLeft.set(100);
        WebhookDispatcher webhooks = dispatcher(Map.of(WebhookSettings.URL, url, WebhookSettings.SECRET, SECRET,
                WebhookSettings.EVENTS, "task.done"));

        webhooks.onEvent(new DomainEvent(DomainEvent.TASK_DONE, Instant.now(), 5L, null, Map.of()));
        awaitLog(WebhookDispatcher.MAX_ATTEMPTS);

        assertThat(received).hasSize(WebhookDispatcher.MAX_ATTEMPTS);
        assertThat(log.get(log.size() - 1).status()).isEqualTo("FAILED");
        assertThat(log.get(log.size() - 1).detail()).contains("HTTP 500").contains("given up");
    }

    @Test
    void events_a_target_did_not_choose_are_not_sent() throws Exception {
        WebhookDispatcher webhooks = dispatcher(Map.of(WebhookSettings.URL, url, WebhookSettings.SECRET, SECRET,
                WebhookSettings.EVENTS, "customer.created"));

        webhooks.onEvent(new DomainEvent(DomainEvent.OPPORTUNITY_LOST, Instant.now(), 9L, 1L, Map.of()));
        webhooks.onEvent(new DomainEvent(DomainEvent.CUSTOMER_CREATED, Instant.now(), 10L, 1L, Map.of()));
        awaitLog(1);
        Thread.sleep(200);

        assertThat(received).extracting(Received::event).containsExactly("customer.created");
    }

    @Test
    void an_event_heard_twice_is_queued_once_per_target_under_a_key_that_names_the_event() {
        WebhookDispatcher webhooks = dispatcher(Map.of(WebhookSettings.URL, url, WebhookSettings.SECRET, SECRET,
                WebhookSettings.EVENTS, "opportunity.won"));
        DomainEvent event = new DomainEvent(DomainEvent.OPPORTUNITY_WON, Instant.now(), 3L, 1L, Map.of());

        webhooks.onEvent(event);
        webhooks.onEvent(event);

        assertThat(queuedKeys).hasSize(2).allMatch(key -> key.startsWith(event.id() + "@"));
        assertThat(Set.copyOf(queuedKeys)).hasSize(1);
    }

    final List<String> queuedKeys = new CopyOnWriteArrayList<>();

    private WebhookDispatcher dispatcher(Map<String, String> target) {
        WebhookDispatcher webhooks = new WebhookDispatcher(Duration.ofMillis(20), Clock.systemUTC());
        webhooks.attach(new PluginContext() {
            @Override
            public List<Map<String, String>> records(String kind) {
                return kind.equals(WebhookSettings.TARGET) ? List.of(target) : List.of();
            }

            @Override
            public void log(LogEntry entry) {
                log.add(entry);
            }

            /** The test's stand-in for the host's HTTP: plain, without the host's address checks. */
            @Override
            public dev.funnel.plugin.api.OutboundHttp http() {
                return request -> {
                    var builder = java.net.http.HttpRequest.newBuilder(request.uri()).timeout(request.timeout())
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
                    request.headers().forEach((name, value) -> {
                        if (!name.equals("User-Agent")) {
                            builder.header(name, value);
                        }
                    });
                    try {
                        var answer = java.net.http.HttpClient.newHttpClient().send(builder.build(),
                                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                        return new dev.funnel.plugin.api.OutboundResponse(answer.statusCode(), answer.body());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.IOException("interrupted", e);
                    }
                };
            }

            @Override
            public void enqueue(Delivery delivery) {
                boolean first = !queuedKeys.contains(delivery.key());
                queuedKeys.add(delivery.key());
                if (first) {
                    Thread host = new Thread(() -> attempts(webhooks, delivery));
                    host.setDaemon(true);
                    host.start();
                }
            }
        });
        return webhooks;
    }

    /** What the host does with a queued delivery: attempts as the handler asks, a log entry for each. */
    private void attempts(WebhookDispatcher webhooks, Delivery delivery) {
        for (int attempt = 1; ; attempt++) {
            DeliveryOutcome outcome = webhooks.deliver(delivery, attempt);
            String status = switch (outcome.status()) {
                case DELIVERED -> "DELIVERED";
                case RETRY -> "RETRYING";
                case FAILED -> "FAILED";
            };
            log.add(new LogEntry(delivery.subject(), delivery.destination(), status, attempt, outcome.code(),
                    outcome.detail()));
            if (outcome.status() != DeliveryOutcome.Status.RETRY) {
                return;
            }
            try {
                Thread.sleep(outcome.retryAfter().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitLog(int entries) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (log.size() < entries && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(log).hasSizeGreaterThanOrEqualTo(entries);
    }
}
