package dev.funnel.customer.internal;

import dev.funnel.notification.NotificationService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Returns customers whose protection lapsed to the pool: every night, and when an administrator asks. Safe with
 * several app instances on one database: the lapsed rows are locked and skipped by a concurrent run, so each
 * customer is released, recorded and reported once.
 */
@Component
public class PoolReleases {

    private final PoolRepository pool;
    private final NotificationService notifications;
    private final Clock clock;

    PoolReleases(PoolRepository pool, NotificationService notifications, Clock clock) {
        this.pool = pool;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Scheduled(cron = "${funnel.pool.release-cron:0 15 2 * * *}")
    public void nightly() {
        run(null);
    }

    /** @param actorId who asked, or null for the schedule */
    @Transactional
    public int run(Long actorId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // read once: the notifications of every released customer name the same period
        int protectionDays = pool.settings().protectionDays();
        OffsetDateTime cutoff = now.minusDays(protectionDays);
        List<PoolRepository.Released> released = pool.releaseLapsed(cutoff, now, actorId);
        for (PoolRepository.Released customer : released) {
            notifications.notify(customer.previousOwnerId(), "notification.pool.released",
                    List.of(customer.name(), Integer.toString(protectionDays)), "pool");
        }
        return released.size();
    }
}
