package dev.funnel.scoring.internal;

import static dev.funnel.jooq.Tables.OPPORTUNITY;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.identity.Unscoped;
import dev.funnel.plugin.api.DealSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/**
 * Deals as they stood at given moments, rebuilt from their ledgers: the stage ledger (stage_history), the
 * revisions of amount, expected close date, next step, owner and lead source (deal_revision), follow-ups by the
 * time they happened and were logged, and exit-criteria confirmations by the time they were made. A value with
 * revisions after the moment is the first such revision's old value; without any, the deal's value now (it has
 * not changed since). A moment before the deal's revisions were recorded (an imported deal's past, a deal older
 * than the ledger) cannot be rebuilt and gives no snapshot. Nothing of the close (its date, the won amount, the
 * lost reason) is read.
 */
@Repository
public class DealHistory {

    /** One statement for a whole batch of moments: each feature is a look-up by deal and moment. */
    private static final String AS_OF = """
            WITH point(opportunity_id, as_of) AS (SELECT * FROM unnest(?::bigint[], ?::text[]::timestamptz[]))
            SELECT p.opportunity_id, p.as_of, o.created_at, o.currency,
                   funnel_company_amount(o.currency, (CASE WHEN jsonb_exists(later.was, 'AMOUNT') THEN later.was ->> 'AMOUNT'
                       ELSE o.amount::text END)::numeric, (p.as_of AT TIME ZONE ?)::date) AS company_amount,
                   CASE WHEN jsonb_exists(later.was, 'LEAD_SOURCE') THEN later.was ->> 'LEAD_SOURCE' ELSE o.lead_source END AS lead_source,
                   c.industry, c.employee_count, coalesce(c.city, c.country) AS region,
                   st.entered_at, s.name_en, s.position, s.probability,
                   (SELECT count(*) FROM stage s2 WHERE s2.pipeline_id = s.pipeline_id AND s2.created_at <= p.as_of
                       AND (s2.archived_at IS NULL OR s2.archived_at > p.as_of)) AS stage_count,
                   CASE WHEN jsonb_exists(later.was, 'AMOUNT') THEN later.was ->> 'AMOUNT' ELSE o.amount::text END AS amount,
                   CASE WHEN jsonb_exists(later.was, 'EXPECTED_CLOSE') THEN later.was ->> 'EXPECTED_CLOSE'
                        ELSE to_char(o.expected_close_date, 'YYYY-MM-DD') END AS expected_close,
                   CASE WHEN jsonb_exists(later.was, 'NEXT_STEP') THEN later.was ->> 'NEXT_STEP' ELSE o.next_step END AS next_step,
                   CASE WHEN jsonb_exists(later.was, 'OWNER') THEN later.was ->> 'OWNER' ELSE o.owner_id::text END AS owner,
                   (SELECT count(*) FROM deal_revision r WHERE r.opportunity_id = o.id AND r.field = 'EXPECTED_CLOSE'
                       AND r.changed_at <= p.as_of AND r.old_value IS NOT NULL) AS close_moves,
                   (SELECT array_agg(DISTINCT pr.code ORDER BY pr.code) FROM opportunity_line l
                       JOIN product pr ON pr.id = l.product_id
                      WHERE l.opportunity_id = o.id AND l.created_at <= p.as_of) AS products,
                   (SELECT json_agg(json_build_array(a.type, a.d7, a.d30, a.d90) ORDER BY a.type)
                      FROM (SELECT type, count(*) FILTER (WHERE occurred_at > p.as_of - interval '7 days') AS d7,
                                   count(*) FILTER (WHERE occurred_at > p.as_of - interval '30 days') AS d30,
                                   count(*) AS d90
                              FROM activity WHERE opportunity_id = o.id AND occurred_at <= p.as_of
                               AND occurred_at > p.as_of - interval '90 days' AND created_at <= p.as_of
                             GROUP BY type) a)::text AS activities,
                   (SELECT count(*) FROM exit_criterion e WHERE e.stage_id = st.stage_id
                       AND e.required_field IS NULL) AS criteria,
                   (SELECT count(*) FROM exit_criterion e
                      JOIN criterion_confirmation cc ON cc.criterion_id = e.id AND cc.opportunity_id = o.id
                     WHERE e.stage_id = st.stage_id AND e.required_field IS NULL
                       AND cc.confirmed_at <= p.as_of) AS confirmed,
                   EXISTS (SELECT 1 FROM activity a JOIN contact ct ON ct.id = a.contact_id
                            WHERE a.customer_id = o.customer_id AND ct.buying_role = 'DECISION_MAKER'
                              AND a.occurred_at <= p.as_of AND a.created_at <= p.as_of
                              AND a.occurred_at > p.as_of - interval '90 days') AS decision_maker
              FROM point p
              JOIN opportunity o ON o.id = p.opportunity_id
              LEFT JOIN customer c ON c.id = o.customer_id
              JOIN LATERAL (SELECT h.to_stage_id AS stage_id, h.changed_at AS entered_at FROM stage_history h
                             WHERE h.opportunity_id = o.id AND h.changed_at <= p.as_of
                               AND h.event IN ('CREATED', 'MOVED', 'REOPENED')
                               AND NOT EXISTS (SELECT 1 FROM stage_history closed
                                                WHERE closed.opportunity_id = o.id
                                                  AND closed.event IN ('WON', 'LOST')
                                                  AND closed.changed_at <= p.as_of
                                                  AND (closed.changed_at, closed.id) > (h.changed_at, h.id))
                             ORDER BY h.changed_at DESC, h.id DESC LIMIT 1) st ON true
              JOIN stage s ON s.id = st.stage_id
              -- per field, the old value of the first revision after the moment: the value then
              LEFT JOIN LATERAL (SELECT jsonb_object_agg(first_after.field, first_after.old_value) AS was
                                   FROM (SELECT DISTINCT ON (r.field) r.field, r.old_value FROM deal_revision r
                                          WHERE r.opportunity_id = o.id AND r.changed_at > p.as_of
                                          ORDER BY r.field, r.changed_at, r.id) first_after) later ON true
             WHERE o.created_at <= p.as_of AND o.revisions_since <= p.as_of
             ORDER BY p.opportunity_id, p.as_of
            """;

    private static final TypeReference<List<List<Object>>> ACTIVITY_ROWS = new TypeReference<>() {
    };

    private final DSLContext db;
    private final ObjectMapper json;
    /** Days (to the close date, of an exchange rate) are the company's days, in the application's zone. */
    private final java.time.Clock clock;

    DealHistory(DSLContext db, ObjectMapper json, java.time.Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /** A deal and a moment to see it at. */
    public record Moment(long opportunityId, Instant asOf) {
    }

    /**
     * The deals as they stood at the moments given; a moment at which a deal did not exist yet or was closed is
     * left out (there is nothing open to describe).
     */
    @Unscoped("scoring describes every deal to the scorers, whoever owns it; no person sees the snapshots")
    public List<DealSnapshot> asOf(List<Moment> moments) {
        if (moments.isEmpty()) {
            return List.of();
        }
        Long[] ids = moments.stream().map(Moment::opportunityId).toArray(Long[]::new);
        String[] times = moments.stream().map(m -> m.asOf().toString()).toArray(String[]::new);
        List<DealSnapshot> snapshots = new ArrayList<>();
        for (Record row : db.fetch(AS_OF, ids, times, clock.getZone().getId())) {
            snapshots.add(snapshot(row));
        }
        return snapshots;
    }

    /** A closed deal: when it was created and closed, and whether it was won. */
    public record ClosedDeal(long opportunityId, Instant createdAt, Instant closedAt, boolean won) {
    }

    /** Every closed deal, oldest close first. */
    @Unscoped("training reads every closed deal of the company, whoever owned it")
    public List<ClosedDeal> closedDeals() {
        return db.select(OPPORTUNITY.ID, OPPORTUNITY.CREATED_AT, OPPORTUNITY.CLOSED_AT, OPPORTUNITY.STATUS)
                .from(OPPORTUNITY)
                .where(OPPORTUNITY.STATUS.in("WON", "LOST")).and(OPPORTUNITY.CLOSED_AT.isNotNull())
                .and(OPPORTUNITY.CLOSED_AT.gt(OPPORTUNITY.CREATED_AT))
                .orderBy(OPPORTUNITY.CLOSED_AT, OPPORTUNITY.ID)
                .fetch(r -> new ClosedDeal(r.value1(), r.value2().toInstant(), r.value3().toInstant(),
                        "WON".equals(r.value4())));
    }

    private DealSnapshot snapshot(Record row) {
        Instant asOf = row.get("as_of", OffsetDateTime.class).toInstant();
        BigDecimal amount = row.get("amount", String.class) == null ? null
                : new BigDecimal(row.get("amount", String.class));
        BigDecimal companyAmount = amount == null ? null : row.get("company_amount", BigDecimal.class);
        String close = row.get("expected_close", String.class);
        Integer daysToClose = close == null ? null
                : (int) (LocalDate.parse(close).toEpochDay() - LocalDate.ofInstant(asOf, clock.getZone()).toEpochDay());
        String nextStep = row.get("next_step", String.class);
        String[] products = row.get("products", String[].class);
        return new DealSnapshot(row.get("opportunity_id", Long.class), asOf, row.get("name_en", String.class),
                row.get("position", Integer.class), row.get("stage_count", Integer.class),
                row.get("probability", Integer.class),
                days(row.get("entered_at", OffsetDateTime.class).toInstant(), asOf),
                days(row.get("created_at", OffsetDateTime.class).toInstant(), asOf),
                amount, row.get("currency", String.class), companyAmount, daysToClose,
                row.get("close_moves", Integer.class),
                products == null ? List.of() : Arrays.asList(products), row.get("lead_source", String.class),
                row.get("industry", String.class), row.get("employee_count", Integer.class),
                row.get("region", String.class), row.get("owner", String.class),
                activities(row.get("activities", String.class)), row.get("criteria", Integer.class),
                row.get("confirmed", Integer.class), nextStep != null && !nextStep.isBlank(),
                Boolean.TRUE.equals(row.get("decision_maker", Boolean.class)));
    }

    private static int days(Instant from, Instant to) {
        return (int) Math.max(0, Duration.between(from, to).toDays());
    }

    private List<DealSnapshot.ActivityCount> activities(String rows) {
        if (rows == null) {
            return List.of();
        }
        try {
            return json.readValue(rows, ACTIVITY_ROWS).stream()
                    .map(r -> new DealSnapshot.ActivityCount((String) r.get(0), ((Number) r.get(1)).intValue(),
                            ((Number) r.get(2)).intValue(), ((Number) r.get(3)).intValue()))
                    .toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The follow-up counts could not be read: " + rows, e);
        }
    }
}
