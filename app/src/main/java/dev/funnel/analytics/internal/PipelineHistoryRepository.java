package dev.funnel.analytics.internal;

import static dev.funnel.jooq.Tables.OPPORTUNITY;

import dev.funnel.analytics.FlaggedDeal;
import dev.funnel.analytics.FlaggedDeal.Flag;
import dev.funnel.analytics.MovedDeal;
import dev.funnel.analytics.PipelineMovement.Movement;
import dev.funnel.analytics.internal.ReportRepository.Selection;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The pipeline's past, read from deal_state (db-changelog 1.9/pipeline-review.xml): each deal's states over time,
 * derived from the stage ledger and the field revisions, with the open ones in a GiST index by when they held.
 * "Open at a moment" is {@code valid @> moment AND status = 'OPEN'}. The SQL is plain (the table is PostgreSQL's
 * own: a range column); the moments, dates and the selection are written into it as literals, so the planner
 * sees them (ReportRepository explains why), jOOQ escaping every value.
 */
@Repository
public class PipelineHistoryRepository {

    private final DSLContext db;

    PipelineHistoryRepository(DSLContext db) {
        this.db = db;
    }

    /** A count of deals, their amount, their weighted amount and how many had no exchange rate. */
    public record StageFigures(long deals, BigDecimal amount, BigDecimal weighted, long unconverted) {
    }

    /** Per stage id: the deals of the selection open at the moment. */
    public java.util.Map<Long, StageFigures> openAt(Selection selection, CloseWindow window, Instant moment) {
        String amount = amount(selection, "s");
        String sql = """
                SELECT s.stage_id, count(*) AS deals, coalesce(sum(%1$s), 0) AS amount,
                       coalesce(sum(%1$s * st.probability / 100), 0) AS weighted,
                       count(*) FILTER (WHERE %2$s) AS unconverted
                  FROM deal_state s JOIN stage st ON st.id = s.stage_id
                 WHERE s.valid @> %3$s AND s.status = 'OPEN' AND %4$s
                 GROUP BY s.stage_id
                """.formatted(amount, selection.converted() ? "s.company_amount IS NULL" : "false",
                literal(moment), inPipeline(selection, window, "s"));
        java.util.Map<Long, StageFigures> figures = new java.util.HashMap<>();
        for (Record r : db.fetch(sql)) {
            figures.put(r.get("stage_id", Long.class), new StageFigures(r.get("deals", Long.class),
                    r.get("amount", BigDecimal.class), r.get("weighted", BigDecimal.class),
                    r.get("unconverted", Long.class)));
        }
        return figures;
    }

    /** The day the selection's first deal was created (in the company's zone), if it has any. */
    public Optional<LocalDate> firstDealDate(Selection selection) {
        return Optional.ofNullable(db.select(DSL.min(OPPORTUNITY.CREATED_AT)).from(OPPORTUNITY)
                        .where(selection.condition()).fetchOne(0, OffsetDateTime.class))
                .map(t -> t.atZoneSameInstant(selection.zone()).toLocalDate());
    }

    /** The open deals of one stage at the moment, largest first. */
    public PageResult<MovedDeal> openDeals(Selection selection, CloseWindow window, Instant moment, long stageId,
                                           PageRequest page) {
        String where = "s.valid @> %s AND s.status = 'OPEN' AND s.stage_id = %d AND %s"
                .formatted(literal(moment), stageId, inPipeline(selection, window, "s"));
        long total = count("SELECT count(*) FROM deal_state s WHERE " + where);
        String sql = """
                SELECT s.opportunity_id, o.name, c.name AS customer, u.full_name AS owner, s.stage_id,
                       %1$s AS amount, s.expected_close_date
                  FROM deal_state s JOIN opportunity o ON o.id = s.opportunity_id
                  LEFT JOIN customer c ON c.id = o.customer_id JOIN app_user u ON u.id = s.owner_id
                 WHERE %2$s
                 ORDER BY %1$s DESC NULLS LAST, s.opportunity_id
                 LIMIT %3$d OFFSET %4$d
                """.formatted(amount(selection, "s"), where, page.limit(), page.offset());
        List<MovedDeal> deals = db.fetch(sql).map(r -> new MovedDeal(r.get("opportunity_id", Long.class),
                r.get("name", String.class), r.get("customer", String.class), r.get("owner", String.class), null,
                null, null, null, r.get("stage_id", Long.class), r.get("amount", BigDecimal.class),
                r.get("expected_close_date", LocalDate.class)));
        return new PageResult<>(deals, total, (int) (page.offset() / page.limit()), page.limit());
    }

    /** One row of the movement: a way of moving, for the whole selection (stage null) or one stage. */
    public record MovementRow(Long stageId, String kind, long deals, BigDecimal amount) {
    }

    /**
     * The movement between two moments, aggregated: per way of moving for the whole selection (stage null); per
     * stage and way, stage moves included; and START and END per stage.
     */
    public List<MovementRow> movement(Selection selection, CloseWindow window, Instant from, Instant to) {
        String sql = moved(selection, window, from, to) + """
                SELECT NULL::bigint AS stage_id, kind, count(*) AS deals,
                       sum(coalesce(amount2, 0) - coalesce(amount1, 0)) AS amount
                  FROM moved WHERE kind <> 'STAYED' GROUP BY kind
                UNION ALL
                SELECT stage_id, kind, count(*), sum(delta) FROM (
                    SELECT stage1 AS stage_id, 'STAGE_OUT' AS kind, -coalesce(amount1, 0) AS delta FROM moved
                     WHERE stage1 <> stage2
                    UNION ALL
                    SELECT stage2, 'STAGE_IN', coalesce(amount2, 0) FROM moved WHERE stage1 <> stage2
                    UNION ALL
                    SELECT coalesce(stage2, stage1), kind, coalesce(amount2, 0) - coalesce(amount1, 0) FROM moved
                     WHERE kind <> 'STAYED' AND (stage1 IS NULL OR stage2 IS NULL OR stage1 = stage2)) per_stage
                 GROUP BY stage_id, kind
                UNION ALL
                SELECT stage1, 'START', count(*), coalesce(sum(amount1), 0) FROM moved WHERE stage1 IS NOT NULL
                 GROUP BY stage1
                UNION ALL
                SELECT stage2, 'END', count(*), coalesce(sum(amount2), 0) FROM moved WHERE stage2 IS NOT NULL
                 GROUP BY stage2
                """;
        return db.fetch(sql).map(r -> new MovementRow(r.get(0, Long.class), r.get(1, String.class),
                r.get(2, Long.class), r.get(3, BigDecimal.class)));
    }

    /**
     * The deals of one bar: one way of moving, for the whole selection (stage null) or one stage (where STAGE_IN
     * and STAGE_OUT are the deals that changed stage into or out of it); largest change first.
     */
    public PageResult<MovedDeal> movedDeals(Selection selection, CloseWindow window, Instant from, Instant to,
                                            Movement movement, Long stageId, PageRequest page) {
        String which = switch (movement) {
            case STAGE_IN -> "stage1 <> stage2 AND stage2 = " + stageId;
            case STAGE_OUT -> "stage1 <> stage2 AND stage1 = " + stageId;
            default -> "kind = " + DSL.inline(movement.name()) + (stageId == null ? ""
                    : " AND coalesce(stage2, stage1) = " + stageId
                      + " AND (stage1 IS NULL OR stage2 IS NULL OR stage1 = stage2)");
        };
        String base = moved(selection, window, from, to);
        long total = count(base + "SELECT count(*) FROM moved WHERE " + which);
        String sql = base + """
                SELECT m.*, o.name, c.name AS customer, u.full_name AS owner
                  FROM moved m JOIN opportunity o ON o.id = m.opportunity_id
                  LEFT JOIN customer c ON c.id = o.customer_id JOIN app_user u ON u.id = o.owner_id
                 WHERE %s
                 ORDER BY abs(coalesce(m.amount2, 0) - coalesce(m.amount1, 0)) DESC, m.opportunity_id
                 LIMIT %d OFFSET %d
                """.formatted(which, page.limit(), page.offset());
        List<MovedDeal> deals = db.fetch(sql).map(r -> new MovedDeal(r.get("opportunity_id", Long.class),
                r.get("name", String.class), r.get("customer", String.class), r.get("owner", String.class),
                kind(r.get("kind", String.class)), r.get("stage1", Long.class), r.get("amount1", BigDecimal.class),
                r.get("close1", LocalDate.class), r.get("stage2", Long.class), r.get("amount2", BigDecimal.class),
                r.get("close2", LocalDate.class)));
        return new PageResult<>(deals, total, (int) (page.offset() / page.limit()), page.limit());
    }

    private static Movement kind(String kind) {
        return "STAYED".equals(kind) ? null : Movement.valueOf(kind);
    }

    /** Deals of the selection created after the first moment and closed by the second. */
    public long createdAndClosed(Selection selection, CloseWindow window, Instant from, Instant to) {
        String sql = """
                SELECT count(*) FROM opportunity o
                  JOIN deal_state s ON s.opportunity_id = o.id AND s.valid @> %2$s
                 WHERE o.created_at > %1$s AND o.created_at <= %2$s AND s.status IN ('WON', 'LOST') AND %3$s
                """.formatted(literal(from), literal(to), inPipeline(selection, window, "s"));
        return count(sql);
    }

    /**
     * Every way a deal open at either moment moved: kind (a {@link Movement}, or STAYED for a deal open at both
     * with the same amount), its stage, amount and expected close date at each moment (null where it was not in
     * the selection's pipeline). A deal that left is looked up at the second moment, one that came in at the
     * first, to tell why.
     */
    private String moved(Selection selection, CloseWindow window, Instant from, Instant to) {
        String amount = amount(selection, "s");
        String t1 = literal(from);
        String t2 = literal(to);
        return """
                WITH a AS (SELECT s.opportunity_id, s.stage_id, %1$s AS amount, s.expected_close_date FROM deal_state s
                            WHERE s.valid @> %2$s AND s.status = 'OPEN' AND %4$s),
                     b AS (SELECT s.opportunity_id, s.stage_id, %1$s AS amount, s.expected_close_date FROM deal_state s
                            WHERE s.valid @> %3$s AND s.status = 'OPEN' AND %4$s),
                     moved AS (
                  SELECT coalesce(a.opportunity_id, b.opportunity_id) AS opportunity_id,
                         a.stage_id AS stage1, a.amount AS amount1, a.expected_close_date AS close1,
                         b.stage_id AS stage2, b.amount AS amount2, b.expected_close_date AS close2,
                         CASE
                           WHEN a.opportunity_id IS NOT NULL AND b.opportunity_id IS NOT NULL THEN
                             CASE WHEN coalesce(b.amount, 0) > coalesce(a.amount, 0) THEN 'AMOUNT_UP'
                                  WHEN coalesce(b.amount, 0) < coalesce(a.amount, 0) THEN 'AMOUNT_DOWN'
                                  ELSE 'STAYED' END
                           WHEN b.opportunity_id IS NULL THEN coalesce(
                             (SELECT CASE WHEN s.status IN ('WON', 'LOST') THEN s.status
                                          WHEN %5$s THEN 'PUSHED_OUT' ELSE 'LEFT' END
                                FROM deal_state s WHERE s.opportunity_id = a.opportunity_id AND s.valid @> %3$s),
                             'LEFT')
                           ELSE coalesce(
                             (SELECT CASE WHEN s.status IN ('WON', 'LOST') THEN 'REOPENED'
                                          WHEN %5$s THEN 'PULLED_IN' ELSE 'JOINED' END
                                FROM deal_state s WHERE s.opportunity_id = b.opportunity_id AND s.valid @> %2$s),
                             'CREATED')
                         END AS kind
                    FROM a FULL JOIN b ON b.opportunity_id = a.opportunity_id)
                """.formatted(amount, t1, t2, inPipeline(selection, window, "s"),
                // in the selection but outside the period: only its close date keeps it out
                window.none() ? "false" : "(" + inSelection(selection, "s") + ") AND NOT coalesce(("
                        + window.sql("s") + "), false)");
    }

    /**
     * The deals open at the second moment with at least one flag, largest first, and how many carry each flag.
     * {@code quietDays}: days without a follow-up with the customer that flag a deal.
     */
    public record Flags(java.util.Map<Flag, Long> counts, PageResult<FlaggedDeal> deals) {
    }

    public Flags flags(Selection selection, CloseWindow window, Instant from, Instant to, int quietDays,
                       Flag only, PageRequest page) {
        String t1 = literal(from);
        String t2 = literal(to);
        String base = """
                WITH b AS (SELECT s.opportunity_id, s.stage_id, %1$s AS amount, s.expected_close_date, s.owner_id
                             FROM deal_state s WHERE s.valid @> %3$s AND s.status = 'OPEN' AND %4$s),
                     large AS (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY amount) AS amount FROM b),
                     pushes AS (SELECT r.opportunity_id, count(*) FILTER (WHERE r.changed_at > %2$s) AS in_window,
                                       count(*) AS ever
                                  FROM deal_revision r JOIN b ON b.opportunity_id = r.opportunity_id
                                 WHERE r.field = 'EXPECTED_CLOSE' AND r.changed_at <= %3$s
                                   AND r.old_value IS NOT NULL AND r.new_value > r.old_value
                                 GROUP BY r.opportunity_id),
                     cuts AS (SELECT DISTINCT r.opportunity_id FROM deal_revision r
                               WHERE r.field = 'AMOUNT' AND r.changed_at > %2$s AND r.changed_at <= %3$s
                                 AND coalesce(r.new_value::numeric, 0) < r.old_value::numeric),
                     backs AS (SELECT DISTINCT h.opportunity_id FROM stage_history h
                                 JOIN stage f ON f.id = h.from_stage_id JOIN stage t ON t.id = h.to_stage_id
                                WHERE h.event = 'MOVED' AND h.changed_at > %2$s AND h.changed_at <= %3$s
                                  AND t.position < f.position AND t.pipeline_id = f.pipeline_id),
                     flagged AS (
                  SELECT b.*, o.name, u.full_name AS owner, coalesce(p.in_window, 0) AS pushes,
                         coalesce(p.ever, 0) AS pushes_ever,
                         floor(extract(epoch FROM %3$s - entered.at) / 86400)::bigint AS days_in_stage,
                         floor(extract(epoch FROM %3$s - quiet.at) / 86400)::bigint AS days_quiet,
                         st.stalled_after_days,
                         o.created_at > %2$s AND b.amount > 0 AND b.amount >= (SELECT amount FROM large) AS large_new,
                         b.opportunity_id IN (SELECT opportunity_id FROM cuts) AS cut,
                         b.opportunity_id IN (SELECT opportunity_id FROM backs) AS back
                    FROM b JOIN opportunity o ON o.id = b.opportunity_id JOIN app_user u ON u.id = b.owner_id
                    JOIN stage st ON st.id = b.stage_id
                    LEFT JOIN pushes p ON p.opportunity_id = b.opportunity_id
                    JOIN LATERAL (SELECT h.changed_at AS at FROM stage_history h
                                   WHERE h.opportunity_id = b.opportunity_id AND h.changed_at <= %3$s
                                     AND h.event IN ('CREATED', 'MOVED', 'REOPENED')
                                   ORDER BY h.changed_at DESC, h.id DESC LIMIT 1) entered ON true
                    LEFT JOIN LATERAL (SELECT a.occurred_at AS at FROM activity a
                                        WHERE a.customer_id = o.customer_id AND a.occurred_at <= %3$s
                                        ORDER BY a.occurred_at DESC LIMIT 1) quiet ON true),
                     judged AS (
                  SELECT f.*, pushes > 0 AS f_pushed, cut AS f_cut, back AS f_back,
                         days_in_stage > stalled_after_days AS f_stalled,
                         (days_quiet IS NULL OR days_quiet >= %5$d) AS f_quiet, large_new AS f_large
                    FROM flagged f)
                """.formatted(amount(selection, "s"), t1, t2, inPipeline(selection, window, "s"), quietDays);
        String anyFlag = "(f_pushed OR f_cut OR f_back OR f_stalled OR f_quiet OR f_large)";
        String chosen = only == null ? anyFlag : column(only);
        Record counts = db.fetchOne(base + """
                SELECT count(*) FILTER (WHERE %s) AS total, count(*) FILTER (WHERE f_pushed) AS pushed,
                       count(*) FILTER (WHERE f_cut) AS cut, count(*) FILTER (WHERE f_back) AS back,
                       count(*) FILTER (WHERE f_stalled) AS stalled, count(*) FILTER (WHERE f_quiet) AS quiet,
                       count(*) FILTER (WHERE f_large) AS large
                  FROM judged
                """.formatted(chosen));
        java.util.Map<Flag, Long> byFlag = new java.util.EnumMap<>(Flag.class);
        byFlag.put(Flag.CLOSE_PUSHED, counts.get("pushed", Long.class));
        byFlag.put(Flag.AMOUNT_CUT, counts.get("cut", Long.class));
        byFlag.put(Flag.STAGE_BACK, counts.get("back", Long.class));
        byFlag.put(Flag.STALLED, counts.get("stalled", Long.class));
        byFlag.put(Flag.NO_FOLLOW_UP, counts.get("quiet", Long.class));
        byFlag.put(Flag.LARGE_NEW, counts.get("large", Long.class));
        List<FlaggedDeal> deals = new ArrayList<>();
        for (Record r : db.fetch(base + "SELECT * FROM judged WHERE %s ORDER BY amount DESC NULLS LAST, opportunity_id LIMIT %d OFFSET %d"
                .formatted(chosen, page.limit(), page.offset()))) {
            Set<Flag> flags = EnumSet.noneOf(Flag.class);
            for (Flag flag : Flag.values()) {
                if (Boolean.TRUE.equals(r.get(column(flag), Boolean.class))) {
                    flags.add(flag);
                }
            }
            deals.add(new FlaggedDeal(r.get("opportunity_id", Long.class), r.get("name", String.class),
                    r.get("owner", String.class), r.get("stage_id", Long.class), r.get("amount", BigDecimal.class),
                    r.get("expected_close_date", LocalDate.class), flags, r.get("pushes", Integer.class),
                    r.get("pushes_ever", Integer.class), r.get("days_in_stage", Long.class),
                    r.get("days_quiet", Long.class)));
        }
        return new Flags(byFlag, new PageResult<>(deals, counts.get("total", Long.class),
                (int) (page.offset() / page.limit()), page.limit()));
    }

    private static String column(Flag flag) {
        return switch (flag) {
            case CLOSE_PUSHED -> "f_pushed";
            case AMOUNT_CUT -> "f_cut";
            case STAGE_BACK -> "f_back";
            case STALLED -> "f_stalled";
            case NO_FOLLOW_UP -> "f_quiet";
            case LARGE_NEW -> "f_large";
        };
    }

    /**
     * The expected close dates that keep a deal in the pipeline: every date (none), or a period. A deal without an
     * expected close date is outside every period.
     */
    public record CloseWindow(LocalDate from, LocalDate to) {

        public static final CloseWindow ANY = new CloseWindow(null, null);

        boolean none() {
            return from == null && to == null;
        }

        String sql(String alias) {
            Field<LocalDate> close = DSL.field(DSL.name(alias, "expected_close_date"), LocalDate.class);
            Condition c = DSL.trueCondition();
            if (from != null) {
                c = c.and(close.ge(DSL.inline(from)));
            }
            if (to != null) {
                c = c.and(close.le(DSL.inline(to)));
            }
            return DSL.using(org.jooq.SQLDialect.POSTGRES).renderInlined(c);
        }
    }

    /** The selection, and the close window when one is set. */
    private static String inPipeline(Selection selection, CloseWindow window, String alias) {
        return window.none() ? inSelection(selection, alias)
                : "(" + inSelection(selection, alias) + ") AND " + window.sql(alias);
    }

    /** The report's selection (pipeline, currency, visibility, owners, source, product) on a deal_state alias. */
    private static String inSelection(Selection selection, String alias) {
        Field<Long> owner = DSL.field(DSL.name(alias, "owner_id"), Long.class);
        Condition c = selection.visible().owns(owner);
        if (!selection.converted()) {
            c = c.and(DSL.field(DSL.name(alias, "currency"), String.class).eq(DSL.inline(selection.currency())));
        }
        if (selection.pipelineId() != null) {
            c = c.and(DSL.field(DSL.name(alias, "pipeline_id"), Long.class).eq(DSL.inline(selection.pipelineId())));
        }
        if (selection.owners() != null) {
            c = c.and(selection.owners().isEmpty() ? DSL.falseCondition()
                    : owner.in(selection.owners().stream().map(DSL::inline).toList()));
        }
        if (selection.source() != null) {
            c = c.and(DSL.field(DSL.name(alias, "lead_source"), String.class).eq(DSL.inline(selection.source())));
        }
        if (selection.productId() != null) {
            c = c.and(DSL.exists(DSL.selectOne().from(DSL.table(DSL.name("opportunity_line")))
                    .where(DSL.field(DSL.name("opportunity_line", "opportunity_id"), Long.class)
                            .eq(DSL.field(DSL.name(alias, "opportunity_id"), Long.class)))
                    .and(DSL.field(DSL.name("opportunity_line", "product_id"), Long.class)
                            .eq(DSL.inline(selection.productId())))));
        }
        return DSL.using(org.jooq.SQLDialect.POSTGRES).renderInlined(c);
    }

    /** The amount a report sums: converted into the company currency, or as entered when narrowed to one. */
    private static String amount(Selection selection, String alias) {
        return alias + (selection.converted() ? ".company_amount" : ".amount");
    }

    private long count(String sql) {
        Long count = db.fetchOne(sql).get(0, Long.class);
        return count == null ? 0 : count;
    }

    private static String literal(Instant moment) {
        return DSL.using(org.jooq.SQLDialect.POSTGRES)
                .renderInlined(DSL.inline(OffsetDateTime.ofInstant(moment, ZoneOffset.UTC)));
    }
}
