package dev.funnel.analytics.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.OPPORTUNITY_LINE;
import static dev.funnel.jooq.Tables.PRODUCT;
import static dev.funnel.jooq.Tables.STAGE_HISTORY;

import dev.funnel.analytics.internal.ReportRepository.Selection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The won deals of a period with what the cycle-change breakdown needs: their cycle in calendar days, owner, lead
 * source, main product, and the calendar days they spent in each stage (docs/metrics.md, "Why the cycle changed").
 */
@Repository
public class CycleChangeRepository {

    private final DSLContext db;

    CycleChangeRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * A won deal: its cycle (close date − creation day), owner, lead source, the product of its largest line (null
     * without lines), and days per stage from its ledger.
     */
    public record WonDeal(long id, int cycleDays, long ownerId, String ownerName, String source, Long productId,
                          String productName, Map<Long, Integer> stageDays) {
    }

    public List<WonDeal> wonDeals(Selection selection, LocalDate from, LocalDate to) {
        Field<LocalDate> createdOn = DSL.field("({0} at time zone {1})::date", LocalDate.class,
                OPPORTUNITY.CREATED_AT, DSL.inline(selection.zone().getId()));
        Field<Integer> cycle = DSL.field("{0} - {1}", Integer.class, OPPORTUNITY.ACTUAL_CLOSE_DATE, createdOn)
                .as("cycle");
        var line = OPPORTUNITY_LINE.as("main_line");
        Field<Long> mainProduct = DSL.select(line.PRODUCT_ID).from(line)
                .where(line.OPPORTUNITY_ID.eq(OPPORTUNITY.ID))
                .orderBy(line.QUANTITY.mul(line.UNIT_PRICE).desc(), line.ID).limit(1).asField("main_product");
        var won = db.select(OPPORTUNITY.ID, cycle, OPPORTUNITY.OWNER_ID, APP_USER.FULL_NAME,
                        OPPORTUNITY.LEAD_SOURCE, mainProduct)
                .from(OPPORTUNITY).join(APP_USER).on(APP_USER.ID.eq(OPPORTUNITY.OWNER_ID))
                .where(selection.condition())
                .and(OPPORTUNITY.STATUS.eq(DSL.inline("WON")))
                .and(OPPORTUNITY.ACTUAL_CLOSE_DATE.between(from, to))
                .orderBy(OPPORTUNITY.ID)
                .fetch();
        if (won.isEmpty()) {
            return List.of();
        }
        Long[] ids = won.map(r -> r.get(OPPORTUNITY.ID)).toArray(new Long[0]);
        Map<Long, String> productNames = new HashMap<>();
        db.select(PRODUCT.ID, PRODUCT.NAME).from(PRODUCT).forEach(r -> productNames.put(r.value1(), r.value2()));
        Map<Long, Map<Long, Integer>> days = stageDays(ids, selection);
        List<WonDeal> deals = new ArrayList<>(won.size());
        for (var r : won) {
            long id = r.get(OPPORTUNITY.ID);
            Long product = r.get(mainProduct);
            deals.add(new WonDeal(id, r.get(cycle), r.get(OPPORTUNITY.OWNER_ID), r.get(APP_USER.FULL_NAME),
                    r.get(OPPORTUNITY.LEAD_SOURCE), product, product == null ? null : productNames.get(product),
                    days.getOrDefault(id, Map.of())));
        }
        return deals;
    }

    /**
     * Per deal and stage, the calendar days from the day of each entry into the stage (created, moved, reopened)
     * to the day of the deal's next ledger line: a deal's stays add up to the days from its creation to its last
     * close, less the time it spent closed before being reopened.
     */
    private Map<Long, Map<Long, Integer>> stageDays(Long[] ids, Selection selection) {
        Field<LocalDate> day = DSL.field("({0} at time zone {1})::date", LocalDate.class, STAGE_HISTORY.CHANGED_AT,
                DSL.inline(selection.zone().getId()));
        Map<Long, Map<Long, Integer>> days = new HashMap<>();
        long[] current = {-1};
        Long[] openStage = {null};
        LocalDate[] since = {null};
        db.select(STAGE_HISTORY.OPPORTUNITY_ID, STAGE_HISTORY.EVENT, STAGE_HISTORY.TO_STAGE_ID, day)
                .from(STAGE_HISTORY)
                .where(STAGE_HISTORY.OPPORTUNITY_ID.eq(DSL.any(DSL.val(ids))))
                .orderBy(STAGE_HISTORY.OPPORTUNITY_ID, STAGE_HISTORY.CHANGED_AT, STAGE_HISTORY.ID)
                .forEach(r -> {
                    long deal = r.get(STAGE_HISTORY.OPPORTUNITY_ID);
                    if (deal != current[0]) {
                        current[0] = deal;
                        openStage[0] = null;
                    }
                    LocalDate on = r.get(day);
                    if (openStage[0] != null) {
                        days.computeIfAbsent(deal, d -> new HashMap<>())
                                .merge(openStage[0], (int) java.time.temporal.ChronoUnit.DAYS.between(since[0], on),
                                        Integer::sum);
                    }
                    String event = r.get(STAGE_HISTORY.EVENT);
                    boolean enters = event.equals("CREATED") || event.equals("MOVED") || event.equals("REOPENED");
                    openStage[0] = enters ? r.get(STAGE_HISTORY.TO_STAGE_ID) : null;
                    since[0] = on;
                });
        return days;
    }
}
