package dev.funnel.plugin.internal;

import dev.funnel.plugin.ExtensionGuard;
import dev.funnel.plugin.api.Delivery;
import dev.funnel.plugin.api.DeliveryHandler;
import dev.funnel.plugin.api.DeliveryOutcome;
import dev.funnel.plugin.api.LogEntry;
import dev.funnel.plugin.internal.PluginDeliveryRepository.Due;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the deliveries plugins queue (plugin API 1.2.0): each is a row of {@code plugin_delivery} until it is made
 * or given up, so a delivery waiting for its next attempt survives a restart. A few workers make the attempts;
 * each destination gets at most one at a time, so a destination that hangs holds one worker for at most the
 * guard's time limit while deliveries to the others go on.
 */
@Component
class PluginDeliveries {

    private static final Logger log = LoggerFactory.getLogger(PluginDeliveries.class);
    /** A handler that does not answer (plugin stopped, failed, timed out) is asked again after this. */
    static final Duration NO_ANSWER_PAUSE = Duration.ofMinutes(1);
    /** Calls the plugin did not answer before the host gives up. */
    static final int NO_ANSWER_ATTEMPTS = 10;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration KEEP_FINISHED = Duration.ofDays(7);

    private final PluginDeliveryRepository deliveries;
    private final PluginDataRepository data;
    private final ExtensionGuard guard;
    private final PluginContexts contexts;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int workers;
    private final ExecutorService attempts;
    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor(
            daemon("funnel-deliveries"));
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> busyLanes = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean started = new AtomicBoolean();
    private final io.micrometer.core.instrument.MeterRegistry meters;

    PluginDeliveries(PluginDeliveryRepository deliveries, PluginDataRepository data, ExtensionGuard guard,
                     PluginContexts contexts, TransactionTemplate transaction, Clock clock,
                     @Value("${funnel.plugin-delivery-workers:4}") int workers,
                     io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        this.deliveries = deliveries;
        this.data = data;
        this.guard = guard;
        this.contexts = contexts;
        this.transaction = transaction;
        this.clock = clock;
        this.workers = workers;
        this.attempts = Executors.newFixedThreadPool(workers, daemon("funnel-delivery"));
    }

    /** Stores a delivery; false when the plugin had queued its key before. Its first attempt follows at once. */
    boolean enqueue(String pluginId, Delivery delivery) {
        boolean queued = Boolean.TRUE.equals(transaction.execute(
                status -> deliveries.enqueue(pluginId, delivery, OffsetDateTime.now(clock))));
        if (queued) {
            wake();
        }
        return queued;
    }

    /** Starts once the app is ready: deliveries left waiting by the last run are picked up then. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (started.compareAndSet(false, true)) {
            var unused = dispatcher.scheduleWithFixedDelay(this::dispatchSafely, 0, POLL.toMillis(),
                    TimeUnit.MILLISECONDS);
            var unusedToo = dispatcher.scheduleWithFixedDelay(this::forgetOld, 1, 60, TimeUnit.MINUTES);
        }
    }

    private void wake() {
        if (started.get()) {
            dispatcher.execute(this::dispatchSafely);
        }
    }

    private void dispatchSafely() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            log.warn("Could not read the waiting plugin deliveries; trying again shortly", e);
        }
    }

    private void dispatch() {
        int free = workers - inFlight.size();
        if (free <= 0) {
            return;
        }
        List<Due> due = deliveries.due(OffsetDateTime.now(clock), Set.copyOf(busyLanes), free);
        for (Due next : due) {
            if (inFlight.size() >= workers) {
                return;
            }
            String lane = PluginDeliveryRepository.lane(next.pluginId(), next.delivery().destination());
            if (!busyLanes.add(lane)) {
                continue;
            }
            inFlight.add(next.id());
            attempts.execute(() -> {
                try {
                    attempt(next);
                } catch (RuntimeException e) {
                    log.warn("Plugin delivery {} could not be recorded", next.id(), e);
                } finally {
                    inFlight.remove(next.id());
                    busyLanes.remove(lane);
                    wake();
                }
            });
        }
    }

    private void attempt(Due due) {
        int attempt = due.attempts() + 1;
        List<DeliveryOutcome> answers = guard.callPlugin(due.pluginId(), DeliveryHandler.class, handler -> {
            contexts.attachIfNeeded(handler);
            return handler.deliver(due.delivery(), attempt);
        });
        OffsetDateTime now = OffsetDateTime.now(clock);
        int attempts = due.attempts();
        int unanswered = due.unanswered();
        DeliveryOutcome outcome;
        if (answers.isEmpty()) {
            // the plugin did not answer (stopped, suspended, failing): not one of the handler's attempts
            unanswered++;
            outcome = unanswered >= NO_ANSWER_ATTEMPTS
                    ? DeliveryOutcome.failed(null, "the plugin did not answer (see Admin > Plugins); given up after "
                            + unanswered + " calls")
                    : DeliveryOutcome.retry(NO_ANSWER_PAUSE, null, "the plugin did not answer (see Admin > Plugins)");
        } else {
            attempts = attempt;
            outcome = answers.get(0);
        }
        String status;
        String logStatus;
        String detail = outcome.detail();
        OffsetDateTime next = now;
        switch (outcome.status()) {
            case DELIVERED -> {
                status = PluginDeliveryRepository.DELIVERED;
                logStatus = "DELIVERED";
            }
            case FAILED -> {
                status = PluginDeliveryRepository.FAILED;
                logStatus = "FAILED";
            }
            case RETRY -> {
                status = PluginDeliveryRepository.PENDING;
                logStatus = "RETRYING";
                next = now.plus(outcome.retryAfter());
                detail = (detail == null ? "" : detail + "; ") + "next attempt in " + outcome.retryAfter().toMillis()
                        + " ms";
            }
            default -> throw new IllegalStateException("unknown outcome " + outcome.status());
        }
        meters.counter("funnel.plugin.deliveries", "plugin", due.pluginId(), "outcome",
                logStatus.toLowerCase(java.util.Locale.ROOT)).increment();
        String logDetail = detail;
        OffsetDateTime nextAttemptAt = next;
        int attemptsSoFar = attempts;
        int unansweredSoFar = unanswered;
        transaction.executeWithoutResult(tx -> {
            deliveries.attempted(due.id(), attemptsSoFar, unansweredSoFar, status, nextAttemptAt, now);
            data.log(due.pluginId(), new LogEntry(due.delivery().subject(), due.delivery().destination(), logStatus,
                    attempt, outcome.code(), logDetail), now);
        });
    }

    private void forgetOld() {
        try {
            transaction.execute(tx -> deliveries.forgetFinishedBefore(OffsetDateTime.now(clock).minus(KEEP_FINISHED)));
        } catch (RuntimeException e) {
            log.warn("Could not forget old plugin deliveries", e);
        }
    }

    @PreDestroy
    void stop() {
        dispatcher.shutdownNow();
        attempts.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
