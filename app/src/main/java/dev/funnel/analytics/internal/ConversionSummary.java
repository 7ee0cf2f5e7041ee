package dev.funnel.analytics.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.funnel.pipeline.StagePositionsChanged;
import jakarta.annotation.PostConstruct;
import java.time.Clock;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the database the company's time zone, in which the conversion summary cuts its months. The report reads
 * whole months from the summary and the remaining days by the hour in this zone, so the two must agree: when the
 * zone changes, and on the first start after the summary was created, the summary is derived again; and
 * a pipeline's deals are derived again when its stages change order.
 */
@Component
public class ConversionSummary {

    private static final Logger log = LoggerFactory.getLogger(ConversionSummary.class);

    /** About 150 ms of work per batch at the scale of docs/performance.md. */
    private static final int BATCH = 5000;
    private static final int MAX_ROUNDS = 1000;

    private final DSLContext db;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    ConversionSummary(DSLContext db, Clock clock, PlatformTransactionManager transactions) {
        this.db = db;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Bean
    static RecurringTask<Void> conversionSummaryDrainTask(ConversionSummary summary) {
        return Tasks.recurring("conversion-summary-drain", FixedDelay.ofSeconds(10))
                .execute((instance, context) -> summary.drain());
    }

    /** Before anything else writes the ledger (Liquibase has run: jOOQ waits for it). */
    @PostConstruct
    void useCompanyZone() {
        String zone = clock.getZone().getId();
        boolean rebuilt = db.select(DSL.field("funnel_use_report_zone({0})", Boolean.class, DSL.val(zone)))
                .fetchOne(0, Boolean.class);
        if (rebuilt) {
            log.info("Conversion summary derived again for the time zone {}", zone);
        }
    }

    /**
     * Derives the deals that bulk writes left queued (db-changelog 1.4/conversion-summary-bulk.xml), a batch per
     * transaction of its own, and answers how many it took. Run before the conversion report reads, so that the
     * report is exact right after an import, and every few seconds by the scheduler, so that it rarely has to.
     */
    public int drain() {
        // almost always empty: look before opening a transaction of its own
        if (!db.fetchExists(DSL.selectOne().from(DSL.table("stage_entry_stale")))) {
            return 0;
        }
        int taken = drainBatches();
        if (db.fetchExists(DSL.selectOne().from(DSL.table("stage_entry_stale")))) {
            // another drain (the scheduler's) may hold deals it took, skipped here, until it commits: wait for it,
            // so that a report never reads them underived, then take what it left
            ownTransaction.executeWithoutResult(status -> db.execute("SELECT 1 FROM stage_entry_stale FOR KEY SHARE"));
            taken += drainBatches();
        }
        return taken;
    }

    private int drainBatches() {
        int taken = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Integer batch = ownTransaction.execute(status -> db.select(DSL.field("funnel_drain_stage_entries({0})",
                    Integer.class, DSL.inline(BATCH))).fetchOne(0, Integer.class));
            taken += batch == null ? 0 : batch;
            // a batch that was not full emptied the queue, but for deals that someone is changing right now,
            // which their own change derives
            if (batch == null || batch < BATCH) {
                break;
            }
        }
        return taken;
    }

    /**
     * In the transaction that changed the order: what counts as advancing has changed for every deal of the
     * pipeline, so they are queued like a bulk write. Deriving a million deals takes minutes, too long for the
     * administrator's request; the drain job catches up in the background, and a report drains what is left.
     */
    @EventListener
    void stagePositionsChanged(StagePositionsChanged changed) {
        db.execute("insert into stage_entry_stale select id from opportunity where pipeline_id = ? "
                + "on conflict do nothing", changed.pipelineId());
    }
}
