package dev.funnel.notification;

import dev.funnel.notification.internal.NotificationRepository;
import jakarta.annotation.PreDestroy;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells open screens a user's new unread count the moment it changes — a notification written or read —
 * so that the bell in every tab of that user updates without a reload (Vaadin Push). The count is sent after the
 * transaction commits, so a screen never shows what might still roll back, and from a small thread of its own, so
 * that the writer (a user's action, a scheduled rule run) never waits for a screen.
 */
@Component
public class UnreadCounts {

    private static final Logger log = LoggerFactory.getLogger(UnreadCounts.class);

    private final NotificationRepository notifications;
    private final Map<Long, Set<IntConsumer>> listeners = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "funnel-unread-counts");
        thread.setDaemon(true);
        return thread;
    });

    UnreadCounts(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    /** A screen of this user hears every new unread count until it unsubscribes (on detach). */
    public Runnable subscribe(long userId, IntConsumer onCount) {
        listeners.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(onCount);
        return () -> listeners.computeIfPresent(userId, (id, set) -> {
            set.remove(onCount);
            return set.isEmpty() ? null : set;
        });
    }

    /** After the current transaction commits (or now, outside one): the users' counts changed. */
    void changed(Collection<Long> userIds) {
        Set<Long> watched = userIds.stream().filter(listeners::containsKey)
                .collect(java.util.stream.Collectors.toSet());
        if (watched.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send(watched);
                }
            });
        } else {
            send(watched);
        }
    }

    private void send(Set<Long> userIds) {
        sender.execute(() -> {
            for (long userId : userIds) {
                Set<IntConsumer> screens = listeners.get(userId);
                if (screens == null) {
                    continue;
                }
                int count = notifications.count(userId, true);
                for (IntConsumer screen : screens) {
                    try {
                        screen.accept(count);
                    } catch (RuntimeException e) {
                        log.debug("A screen could not take the unread count of user {}", userId, e);
                    }
                }
            }
        });
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }
}
