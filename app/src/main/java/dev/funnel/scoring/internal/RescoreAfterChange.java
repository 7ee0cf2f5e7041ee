package dev.funnel.scoring.internal;

import dev.funnel.followup.FollowUpsLogged;
import dev.funnel.pipeline.DealChanged;
import dev.funnel.pipeline.OpportunityEvents;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Scores a deal again shortly after a change to it commits: on a thread of its own, so that a scorer never
 * slows or fails the change, and coalesced, so that ten quick edits of one deal (or an import of a thousand)
 * cost one scoring of each deal.
 */
@Component
class RescoreAfterChange {

    private static final Logger log = LoggerFactory.getLogger(RescoreAfterChange.class);

    private final ScoringRun run;
    private final Duration delay;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean planned = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "funnel-scoring");
        thread.setDaemon(true);
        return thread;
    });

    RescoreAfterChange(ScoringRun run, @Value("${funnel.scoring.after-change-delay:2s}") Duration delay) {
        this.run = run;
        this.delay = delay;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(OpportunityEvents.OpportunityCreated event) {
        changed(List.of(event.opportunityId()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(OpportunityEvents.OpportunityStageChanged event) {
        changed(List.of(event.opportunityId()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(OpportunityEvents.OpportunityReassigned event) {
        changed(List.of(event.opportunityId()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(DealChanged event) {
        changed(List.of(event.opportunityId()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(FollowUpsLogged event) {
        changed(event.opportunityIds());
    }

    private void changed(java.util.Collection<Long> ids) {
        pending.addAll(ids);
        if (planned.compareAndSet(false, true)) {
            var unused = worker.schedule(this::drain, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void drain() {
        planned.set(false);
        List<Long> ids = new ArrayList<>();
        for (Long id : pending) {
            if (pending.remove(id)) {
                ids.add(id);
            }
        }
        try {
            run.score(ids);
        } catch (RuntimeException e) {
            // the nightly run scores them again; a failure here must not stop the next changes being scored
            log.warn("Scoring {} changed deals failed: {}", ids.size(), e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
