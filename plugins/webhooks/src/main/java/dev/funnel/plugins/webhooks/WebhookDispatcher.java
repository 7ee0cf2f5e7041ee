package dev.funnel.plugins.webhooks;

import dev.funnel.plugin.api.ContextAware;
import dev.funnel.plugin.api.DomainEvent;
import dev.funnel.plugin.api.Delivery;
import dev.funnel.plugin.api.DeliveryHandler;
import dev.funnel.plugin.api.DeliveryOutcome;
import dev.funnel.plugin.api.DomainEventListener;
import dev.funnel.plugin.api.PluginContext;
import dev.funnel.plugin.api.OutboundRequest;
import dev.funnel.plugin.api.OutboundResponse;
import dev.funnel.plugin.api.RefusedDestinationException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Delivers each event to every target that subscribed to its type: a JSON POST signed with the target's secret
 * ({@link Signature}). {@link #onEvent} only queues one delivery per target with the host
 * ({@link PluginContext#enqueue}), keyed by the event's id and the target, so the host's call returns at once, an
 * event heard twice is sent once, and a delivery waiting for its next attempt survives a restart. The host then
 * calls {@link #deliver} per attempt and logs each outcome (Admin &gt; Plugins). A delivery that fails — no
 * connection, a time-out, a status outside 2xx — is tried again after 1, 2, 4, 8 and 16 seconds, then given up;
 * one to an address the host refuses (an internal one administrators did not allow) is given up at once. The
 * POST goes through the host's {@link PluginContext#http()}, so the host's address safety applies.
 * The delivery's key is sent as the body's {@code id} and the {@code X-Funnel-Delivery} header: the same on every
 * attempt, so a receiver can ignore a repetition.
 */
@Extension
public class WebhookDispatcher implements DomainEventListener, DeliveryHandler, ContextAware {

    static final int MAX_ATTEMPTS = 6;
    /** Shorter than the host's time limit for a plugin call (5 s), so a hanging target ends as a retry. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);

    private final Duration firstPause;
    private final Clock clock;
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
            String url = target.get(WebhookSettings.URL);
            if (wanted.contains(event.type()) && url != null) {
                host.enqueue(new Delivery(event.id() + "@" + Signature.fingerprint(url),
                        event.type() + " #" + event.subjectId(), url, EventJson.fields(event)));
            }
        }
    }

    @Override
    public DeliveryOutcome deliver(Delivery delivery, int attempt) {
        PluginContext host = context;
        String secret = host == null ? null : host.records(WebhookSettings.TARGET).stream()
                .filter(target -> delivery.destination().equals(target.get(WebhookSettings.URL)))
                .map(target -> target.get(WebhookSettings.SECRET)).findFirst().orElse(null);
        if (secret == null) {
            return DeliveryOutcome.failed(null, "the target was removed");
        }
        Instant now = clock.instant();
        DomainEvent event = EventJson.event(delivery.payload());
        byte[] body = EventJson.of(delivery.key(), event, now).getBytes(StandardCharsets.UTF_8);
        Integer code = null;
        String problem;
        try {
            // through the host, which refuses internal addresses and never follows a redirect
            OutboundResponse response = host.http().send(OutboundRequest.post(URI.create(delivery.destination()),
                    Map.of("Content-Type", "application/json; charset=utf-8",
                            "User-Agent", "Funnel-Webhooks/1.0",
                            "X-Funnel-Event", event.type(),
                            "X-Funnel-Delivery", delivery.key(),
                            Signature.TIMESTAMP_HEADER, Long.toString(now.getEpochSecond()),
                            Signature.HEADER, Signature.sign(secret, body)),
                    body, REQUEST_TIMEOUT));
            code = response.status();
            if (code >= 200 && code < 300) {
                return DeliveryOutcome.delivered(code);
            }
            problem = "HTTP " + code;
        } catch (RefusedDestinationException e) {
            return DeliveryOutcome.failed(null, "refused: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (attempt >= MAX_ATTEMPTS) {
            return DeliveryOutcome.failed(code, problem + "; given up after " + attempt + " attempts");
        }
        return DeliveryOutcome.retry(firstPause.multipliedBy(1L << (attempt - 1)), code, problem);
    }
}
