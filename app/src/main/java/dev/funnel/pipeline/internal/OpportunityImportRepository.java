package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.OPPORTUNITY;

import dev.funnel.identity.Unscoped;
import dev.funnel.pipeline.OpportunityImport;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.StageHistoryEntry;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The bulk side of opportunities: ids drawn in advance and rows written with COPY. */
@Repository
public class OpportunityImportRepository {

    private static final List<String> OPPORTUNITY_COLUMNS = List.of("id", "name", "customer_id", "owner_id", "pipeline_id",
            "stage_id", "stage_entered_at", "amount", "currency", "expected_close_date", "lead_source", "status",
            "closed_at", "lost_reason", "actual_amount", "actual_close_date", "external_ref", "created_at",
            "created_by", "updated_at", "updated_by", "contact_id", "revisions_since");
    private static final List<String> HISTORY_COLUMNS = List.of("opportunity_id", "event", "from_stage_id", "to_stage_id",
            "changed_by", "changed_at");
    private static final List<String> LINE_COLUMNS = List.of("opportunity_id", "product_id", "quantity", "unit_price",
            "created_by", "updated_by");

    private final DSLContext db;

    OpportunityImportRepository(DSLContext db) {
        this.db = db;
    }

    @Unscoped("external ids are unique across the company, so an import never creates a second deal with one; only "
            + "which ids are taken is answered")
    public Set<String> takenExternalRefs(Collection<String> refs) {
        // a join with the unnested array: '= any(?)' and long IN lists compare every row with every value
        var wanted = DSL.unnest(refs.toArray(String[]::new)).as("wanted", "ref");
        return Set.copyOf(db.select(OPPORTUNITY.EXTERNAL_REF).from(OPPORTUNITY)
                .join(wanted).on(OPPORTUNITY.EXTERNAL_REF.eq(wanted.field("ref", String.class)))
                .fetch(OPPORTUNITY.EXTERNAL_REF));
    }

    /** Deals by the external id they were imported with, among those the scope sees. */
    public java.util.Map<String, Long> idsByExternalRef(dev.funnel.identity.VisibleScope scope,
                                                        Collection<String> refs) {
        var wanted = DSL.unnest(refs.toArray(String[]::new)).as("wanted", "ref");
        return db.select(OPPORTUNITY.EXTERNAL_REF, OPPORTUNITY.ID).from(OPPORTUNITY)
                .join(wanted).on(OPPORTUNITY.EXTERNAL_REF.eq(wanted.field("ref", String.class)))
                .where(scope.owns(OPPORTUNITY.OWNER_ID))
                .fetchMap(OPPORTUNITY.EXTERNAL_REF, OPPORTUNITY.ID);
    }

    public List<Long> nextIds(String table, int count) {
        return db.select(DSL.field("nextval(pg_get_serial_sequence({0}, 'id'))", Long.class,
                        DSL.inline('"' + table + '"')))
                .from(DSL.generateSeries(1, count))
                .fetch(0, Long.class);
    }

    /**
     * Writes deals, their stage history and their product line. The history is what the dates imply: created in
     * the first stage, moved through the earlier stages the row names, to the current one when it is another,
     * then won or lost.
     */
    public void write(List<ImportedDeal> deals, long actorId, OffsetDateTime now) {
        List<Object[]> opportunities = new ArrayList<>(deals.size());
        List<Object[]> history = new ArrayList<>(deals.size() * 3);
        List<Object[]> lines = new ArrayList<>(deals.size());
        for (ImportedDeal deal : deals) {
            OpportunityImport row = deal.row();
            boolean closed = row.status() != OpportunityStatus.OPEN;
            opportunities.add(new Object[] {deal.id(), row.name().trim(), row.customerId(), row.ownerId(),
                row.pipelineId(), row.stageId(), deal.stageEnteredAt(), deal.amount(), row.currency(),
                row.expectedCloseDate(), row.leadSource(), row.status().name(), closed ? deal.closedAt() : null,
                row.lostReason(), row.status() == OpportunityStatus.WON ? deal.amount() : null,
                closed ? row.closedOn() : null, row.externalRef(), deal.createdAt(), actorId, now, actorId,
                row.contactId(), deal.revisionsSince()});
            history.add(new Object[] {deal.id(), StageHistoryEntry.Event.CREATED.name(), null, deal.firstStageId(),
                actorId, deal.createdAt()});
            long previous = deal.firstStageId();
            for (int i = 0; i < row.earlierStages().size(); i++) {
                long stageId = row.earlierStages().get(i).stageId();
                history.add(new Object[] {deal.id(), StageHistoryEntry.Event.MOVED.name(), previous, stageId, actorId,
                    deal.earlierStagesAt().get(i)});
                previous = stageId;
            }
            if (row.stageId() != previous) {
                history.add(new Object[] {deal.id(), StageHistoryEntry.Event.MOVED.name(), previous,
                    row.stageId(), actorId, deal.stageEnteredAt()});
            }
            if (closed) {
                history.add(new Object[] {deal.id(), row.status().name(), row.stageId(), row.stageId(), actorId,
                    deal.closedAt()});
            }
            if (row.productId() != null) {
                lines.add(new Object[] {deal.id(), row.productId(), BigDecimal.ONE, deal.linePrice(), actorId,
                    actorId});
            }
        }
        PgCopy.copy(db, "opportunity", OPPORTUNITY_COLUMNS, opportunities);
        PgCopy.copy(db, "stage_history", HISTORY_COLUMNS, history);
        PgCopy.copy(db, "opportunity_line", LINE_COLUMNS, lines);
    }

    /** A deal ready to write: its id drawn, its times worked out, its amount settled. */
    public record ImportedDeal(long id, OpportunityImport row, long firstStageId,
                               OffsetDateTime createdAt, List<OffsetDateTime> earlierStagesAt,
                               OffsetDateTime stageEnteredAt, OffsetDateTime closedAt, BigDecimal amount,
                               BigDecimal linePrice, OffsetDateTime revisionsSince) {
    }
}
