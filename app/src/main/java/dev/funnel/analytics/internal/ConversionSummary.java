package dev.funnel.analytics.internal;

import dev.funnel.pipeline.StagePositionsChanged;
import jakarta.annotation.PostConstruct;
import java.time.Clock;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the database the company's time zone, in which the conversion summary cuts its months. The report reads
 * whole months from the summary and the remaining days by the hour in this zone, so the two must agree: when the
 * zone changes, and on the first start after the summary was created, the summary is derived again; and
 * a pipeline's deals are derived again when its stages change order.
 */
@Component
class ConversionSummary {

    private static final Logger log = LoggerFactory.getLogger(ConversionSummary.class);

    private final DSLContext db;
    private final Clock clock;

    ConversionSummary(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
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

    /** In the transaction that changed the order: what counts as advancing has changed for the pipeline's deals. */
    @EventListener
    void stagePositionsChanged(StagePositionsChanged changed) {
        db.execute("select funnel_refresh_stage_entries(array(select id from opportunity where pipeline_id = ?))",
                changed.pipelineId());
    }
}
