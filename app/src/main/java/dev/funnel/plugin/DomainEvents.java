package dev.funnel.plugin;

import dev.funnel.plugin.api.DomainEvent;
import dev.funnel.plugin.api.DomainEventListener;
import dev.funnel.plugin.internal.PluginContexts;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells plugins' {@link DomainEventListener}s what happened — after the transaction commits, so that a listener
 * never hears of something that rolled back, and on a thread of its own, so that the user's action neither waits
 * for listeners nor fails with them. Each listener is called through the {@link ExtensionGuard}: an exception or
 * a time-out is logged, shown in Admin &gt; Plugins and skipped. Events are handed over in the order they
 * committed; if listeners fall 10,000 events behind, further events are dropped and logged.
 */
@Component
public class DomainEvents {

    private static final Logger log = LoggerFactory.getLogger(DomainEvents.class);

    private final ExtensionGuard guard;
    private final PluginContexts contexts;
    private final Clock clock;
    private final ThreadPoolExecutor dispatcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "funnel-domain-events");
                thread.setDaemon(true);
                return thread;
            });

    DomainEvents(ExtensionGuard guard, PluginContexts contexts, Clock clock) {
        this.guard = guard;
        this.contexts = contexts;
        this.clock = clock;
    }

    /**
     * Publishes an event when the current transaction commits (at once, outside one).
     *
     * @param type one of the constants of {@link DomainEvent}
     */
    public void publish(String type, long subjectId, Long actorId, Map<String, String> data) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    hand(type, subjectId, actorId, data);
                }
            });
        } else {
            hand(type, subjectId, actorId, data);
        }
    }

    private void hand(String type, long subjectId, Long actorId, Map<String, String> data) {
        DomainEvent event = new DomainEvent(type, clock.instant(), subjectId, actorId, data);
        try {
            dispatcher.execute(() -> deliver(event));
        } catch (RejectedExecutionException full) {
            log.warn("Domain event {} #{} dropped: listeners are 10,000 events behind", type, subjectId);
        }
    }

    private void deliver(DomainEvent event) {
        guard.callAll(DomainEventListener.class, listener -> {
            contexts.attachIfNeeded(listener);
            if (listener.eventTypes().isEmpty() || listener.eventTypes().contains(event.type())) {
                listener.onEvent(event);
            }
            return Boolean.TRUE;
        });
    }

    @PreDestroy
    void stop() {
        dispatcher.shutdownNow();
    }
}
