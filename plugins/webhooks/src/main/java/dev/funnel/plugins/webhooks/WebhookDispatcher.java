package dev.funnel.plugins.webhooks;

import dev.funnel.plugin.api.ContextAware;
import dev.funnel.plugin.api.DomainEvent;
import dev.funnel.plugin.api.DomainEventListener;
import dev.funnel.plugin.api.LogEntry;
import dev.funnel.plugin.api.PluginContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * Delivers each event to every target that subscribed to its type: a JSON POST signed with the target's secret
 * ({@link Signature}). {@link #onEvent} only queues the deliveries, so the host's call returns at once. A delivery
 * that fails — no connection, a time-out, a status outside 2xx — is tried again after 1, 2, 4, 8 and 16 seconds,
 * then given up. Every attempt goes into the plugin's log (Admin &gt; Plugins) with its status, attempt and
 * response code. Retries waiting when the app stops are not kept.
 */
@Extension
public class WebhookDispatcher implements DomainEventListener, ContextAware {

    static final int MAX_ATTEMPTS = 6;
    static final String DELIVERED = "DELIVERED";
    static final String RETRYING = "RETRYING";
    static final String FAILED = "FAILED";

    private final Duration firstPause;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService sender = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "funnel-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private volatile PluginContext context;

    public WebhookDispatcher() {
        this(Duration.ofSeconds(1), Clock.systemUTC());
    }

    WebhookDispatcher(Duration firstPause, Clock clock) {
        this.firstPause = firstPause;
        this.clock = clock;
    }

    @Override
    public void attach(PluginContext context) {
        this.context = context;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.copyOf(WebhookSettings.EVENT_TYPES);
    }

    @Override
    public void onEvent(DomainEvent event) {
        PluginContext host = context;
        if (host == null) {
            return;
        }
        for (Map<String, String> target : host.records(WebhookSettings.TARGET)) {
            List<String> wanted = Arrays.stream(target.getOrDefault(WebhookSettings.EVENTS, "").split(","))
                    .map(String::trim).toList();
            if (wanted.contains(event.type())) {
                Delivery delivery = new Delivery(UUID.randomUUID().toString(), event, target.get(WebhookSettings.URL),
                        target.get(WebhookSettings.SECRET));
                sender.execute(() -> attempt(host, delivery, 1));
            }
        }
    }

    private record Delivery(String id, DomainEvent event, String url, String secret) {

        String subject() {
            return event.type() + " #" + event.subjectId();
        }
    }

    private void attempt(PluginContext host, Delivery delivery, int attempt) {
        Instant now = clock.instant();
        byte[] body = EventJson.of(delivery.id(), delivery.event(), now).getBytes(StandardCharsets.UTF_8);
        Integer code = null;
        String problem;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Funnel-Webhooks/1.0")
                    .header("X-Funnel-Event", delivery.event().type())
                    .header("X-Funnel-Delivery", delivery.id())
                    .header(Signature.TIMESTAMP_HEADER, Long.toString(now.getEpochSecond()))
                    .header(Signature.HEADER, Signature.sign(delivery.secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            code = response.statusCode();
            if (code >= 200 && code < 300) {
                host.log(new LogEntry(delivery.subject(), delivery.url(), DELIVERED, attempt, code, null));
                return;
            }
            problem = "HTTP " + code;
        } catch (IOException | RuntimeException e) {
            problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt >= MAX_ATTEMPTS) {
            host.log(new LogEntry(delivery.subject(), delivery.url(), FAILED, attempt, code,
                    problem + "; given up after " + attempt + " attempts"));
            return;
        }
        Duration pause = firstPause.multipliedBy(1L << (attempt - 1));
        host.log(new LogEntry(delivery.subject(), delivery.url(), RETRYING, attempt, code,
                problem + "; next attempt in " + pause.toMillis() + " ms"));
        // attempt() records its own outcome in the plugin's log, so nothing waits on the retry's future.
        var unused = sender.schedule(() -> attempt(host, delivery, attempt + 1), pause.toMillis(),
                TimeUnit.MILLISECONDS);
    }
}
