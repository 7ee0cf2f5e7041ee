package dev.funnel.analytics.internal;

import static dev.funnel.jooq.Tables.OPPORTUNITY;

import dev.funnel.analytics.FlaggedDeal;
import dev.funnel.analytics.FlaggedDeal.Flag;
import dev.funnel.analytics.MovedDeal;
import dev.funnel.analytics.PipelineMovement.Movement;
import dev.funnel.analytics.internal.ReportRepository.Selection;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.SnapshotReads;
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
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The pipeline's past, read from deal_state (db-changelog 1.9/pipeline-review.xml): each deal's states over time,
 * derived from the stage ledger and the field revisions, with the open ones in a GiST index by when they held.
 * "Open at a moment" is {@code valid @> moment AND status = 'OPEN'} (for a recent moment, the same written so that
 * the index of open states by their end serves it). The SQL is plain (the table is PostgreSQL's
 * own: a range column); the moments, dates and the selection are written into it as literals, so the planner
 * sees them (ReportRepository explains why), jOOQ escaping every value.
 */
@Repository
public class PipelineHistoryRepository {

    /**
     * How far back a moment counts as recent: the open states holding at it are then read from the index of open
     * states by when they end (the states open now, plus the few that ended since), not from the GiST index, which
     * PostgreSQL prefers on its estimates although it reads several times the pages for a recent moment. A quarter
     * covers the weekly and monthly reviews and the usual "as of" of the board and the reports.
     */
    static final java.time.Duration RECENT = java.time.Duration.ofDays(92);

    private final DSLContext db;
    private final java.time.Clock clock;
    private final SnapshotReads snapshots;

    PipelineHistoryRepository(DSLContext db, java.time.Clock clock, SnapshotReads snapshots) {
        this.db = db;
        this.clock = clock;
        this.snapshots = snapshots;
    }

    /** The condition "open at the moment" on a deal_state alias (status included). */
    private String openCondition(String alias, Instant moment) {
        String at = literal(moment);
        if (moment.isAfter(clock.instant().minus(RECENT))) {
            return "coalesce(upper(%1$s.valid), 'infinity') > %2$s AND lower(%1$s.valid) <= %2$s AND %1$s.status = 'OPEN'"
                    .formatted(alias, at);
        }
        return "%s.valid @> %s AND %s.status = 'OPEN'".formatted(alias, at, alias);
    }

    /** A count of deals, their amount, their weighted amount and how many had no exchange rate. */
    public record StageFigures(long deals, BigDecimal amount, BigDecimal weighted, long unconverted) {
    }

    /** Per stage id: the deals of the selection open at the moment. */
    public java.util.Map<Long, StageFigures> openAt(Selection selection, CloseWindow window, Instant moment) {
        return openAt(db, selection, window, moment);
    }

    private java.util.Map<Long, StageFigures> openAt(DSLContext db, Selection selection, CloseWindow window,
                                                     Instant moment) {
        String amount = amount(selection, "s");
        String sql = """
                SELECT s.stage_id, count(*) AS deals, coalesce(sum(%1$s), 0) AS amount,
                       coalesce(sum(%1$s * st.probability / 100), 0) AS weighted,
                       count(*) FILTER (WHERE %2$s) AS unconverted
                  FROM deal_state s JOIN stage st ON st.id = s.stage_id
                 WHERE %3$s AND %4$s
                 GROUP BY s.stage_id
                """.formatted(amount, selection.converted() ? "s.company_amount IS NULL" : "false",
                openCondition("s", moment), inPipeline(selection, window, "s"));
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
        String where = "%s AND s.stage_id = %d AND %s"
                .formatted(openCondition("s", moment), stageId, inPipeline(selection, window, "s"));
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

    /** The movement's rows, and the deals created after the first moment and closed by the second. */
    public record MovementFigures(List<MovementRow> rows, long createdAndClosed) {
    }

    /**
     * The movement between two moments, aggregated: per way of moving for the whole selection (stage null); per
     * stage and way, stage moves included; and START and END per stage.
     *
     * <p>One statement groups the changed deals by way of moving and both stages (a few hundred rows at most);
     * every bar, each stage's change and the deals created and closed are sums of those groups, added up here
     * rather than by one aggregate per figure over the changed deals.
     */
    public MovementFigures movement(Selection selection, CloseWindow window, Instant from, Instant to) {
        // every deal open at the first moment that did not change is open at the second as it was, so each
        // stage's start is its end less the changed deals' end plus their start. The pipeline is read at the
        // later moment: the open states' index finds the states that end after a moment, fewer the later it is
        // (at a million deals, a month back costs twice yesterday's). It is read beside the changed deals, on a
        // second connection that sees the same snapshot: the two statements are independent, and on two cores
        // the movement then takes about as long as the slower of them (docs/performance.md)
        SnapshotReads.Pending<java.util.Map<Long, StageFigures>> atEnd =
                snapshots.alongside(dsl -> openAt(dsl, selection, window, to));
        String sql = moved(selection, window, from, to) + """
                SELECT kind, stage1, stage2, count(*) AS deals, coalesce(sum(amount1), 0) AS amount1,
                       coalesce(sum(amount2), 0) AS amount2
                  FROM moved GROUP BY kind, stage1, stage2
                """;
        java.util.Map<String, MovementRow> whole = new java.util.LinkedHashMap<>();
        java.util.Map<java.util.List<Object>, MovementRow> perStage = new java.util.LinkedHashMap<>();
        java.util.Map<Long, MovementRow> changedStart = new java.util.HashMap<>();
        java.util.Map<Long, MovementRow> changedEnd = new java.util.HashMap<>();
        long createdAndClosed = 0;
        for (Record r : withRoomToGroup(() -> db.fetch(sql))) {
            String kind = r.get("kind", String.class);
            Long stage1 = r.get("stage1", Long.class);
            Long stage2 = r.get("stage2", Long.class);
            long deals = r.get("deals", Long.class);
            BigDecimal amount1 = r.get("amount1", BigDecimal.class);
            BigDecimal amount2 = r.get("amount2", BigDecimal.class);
            if (CREATED_AND_CLOSED.equals(kind)) {
                createdAndClosed += deals;
                continue;
            }
            if (stage1 != null) {
                add(changedStart, stage1, new MovementRow(stage1, "START", deals, amount1));
            }
            if (stage2 != null) {
                add(changedEnd, stage2, new MovementRow(stage2, "END", deals, amount2));
            }
            boolean stageChanged = stage1 != null && stage2 != null && !stage1.equals(stage2);
            if (stageChanged) {
                add(perStage, List.of(stage1, "STAGE_OUT"), new MovementRow(stage1, "STAGE_OUT", deals,
                        amount1.negate()));
                add(perStage, List.of(stage2, "STAGE_IN"), new MovementRow(stage2, "STAGE_IN", deals, amount2));
            }
            if (!"STAYED".equals(kind)) {
                BigDecimal change = amount2.subtract(amount1);
                add(whole, kind, new MovementRow(null, kind, deals, change));
                if (!stageChanged) {
                    Long stage = stage2 != null ? stage2 : stage1;
                    add(perStage, List.of(stage, kind), new MovementRow(stage, kind, deals, change));
                }
            }
        }
        List<MovementRow> rows = new ArrayList<>(whole.values());
        rows.addAll(perStage.values());
        java.util.Map<Long, StageFigures> open = atEnd.get();
        java.util.Set<Long> stages = new java.util.HashSet<>(open.keySet());
        stages.addAll(changedStart.keySet());
        for (Long stage : stages) {
            StageFigures end = open.getOrDefault(stage, new StageFigures(0, BigDecimal.ZERO, BigDecimal.ZERO, 0));
            MovementRow left = changedStart.getOrDefault(stage, new MovementRow(stage, "START", 0, BigDecimal.ZERO));
            MovementRow came = changedEnd.getOrDefault(stage, new MovementRow(stage, "END", 0, BigDecimal.ZERO));
            long startDeals = end.deals() - came.deals() + left.deals();
            if (startDeals > 0) {
                rows.add(new MovementRow(stage, "START", startDeals,
                        end.amount().subtract(came.amount()).add(left.amount())));
            }
            if (end.deals() > 0) {
                rows.add(new MovementRow(stage, "END", end.deals(), end.amount()));
            }
        }
        return new MovementFigures(rows, createdAndClosed);
    }

    /**
     * Runs the movement's statement with memory enough to group a quarter's changed deals (about 180,000 at a
     * million deals) without spilling its sort to disk, and without JIT compilation, which cost it 50 ms of
     * compiling for a statement that runs once, and with the changed deals' two states joined by hashing: misled
     * by its guess of how many states held at the first moment (x1 below), PostgreSQL otherwise looked each
     * changed deal's earlier state up one by one (a week's movement 280 ms against 95 in psql) or sorted both
     * sides (a quarter 480 ms against 355); all as they were for the rest of the transaction
     * (docs/performance.md, "Pipeline history").
     */
    private <T> T withRoomToGroup(java.util.function.Supplier<T> statement) {
        db.execute("SET LOCAL work_mem = '64MB'");
        db.execute("SET LOCAL jit = off");
        db.execute("SET LOCAL enable_mergejoin = off");
        db.execute("SET LOCAL enable_nestloop = off");
        try {
            return statement.get();
        } finally {
            db.execute("SET LOCAL work_mem TO DEFAULT");
            db.execute("SET LOCAL jit TO DEFAULT");
            db.execute("SET LOCAL enable_mergejoin TO DEFAULT");
            db.execute("SET LOCAL enable_nestloop TO DEFAULT");
        }
    }

    private static final String CREATED_AND_CLOSED = "CREATED_AND_CLOSED";

    private static <K> void add(java.util.Map<K, MovementRow> rows, K key, MovementRow row) {
        rows.merge(key, row, (a, b) -> new MovementRow(a.stageId(), a.kind(), a.deals() + b.deals(),
                a.amount().add(b.amount())));
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
        long total = withRoomToGroup(() -> count(base + "SELECT count(*) FROM moved WHERE " + which));
        // the page of changed deals first, under the movement's settings; then the names of those few deals,
        // looked up by id (without nested loops, joining them in the same statement would read every deal)
        Result<Record> rows = withRoomToGroup(() -> db.fetch(base + """
                SELECT * FROM moved WHERE %s
                 ORDER BY abs(coalesce(amount2, 0) - coalesce(amount1, 0)) DESC, opportunity_id
                 LIMIT %d OFFSET %d
                """.formatted(which, page.limit(), page.offset())));
        java.util.Map<Long, Record> names = new java.util.HashMap<>();
        for (Record r : db.fetch("""
                SELECT o.id, o.name, c.name AS customer, u.full_name AS owner
                  FROM opportunity o LEFT JOIN customer c ON c.id = o.customer_id
                  JOIN app_user u ON u.id = o.owner_id
                 WHERE o.id = ANY({0})
                """, DSL.val(rows.getValues("opportunity_id", Long.class).toArray(Long[]::new)))) {
            names.put(r.get("id", Long.class), r);
        }
        List<MovedDeal> deals = rows.map(r -> {
            long id = r.get("opportunity_id", Long.class);
            Record name = names.get(id);
            return new MovedDeal(id, name.get("name", String.class), name.get("customer", String.class),
                    name.get("owner", String.class), kind(r.get("kind", String.class)), r.get("stage1", Long.class),
                    r.get("amount1", BigDecimal.class), r.get("close1", LocalDate.class), r.get("stage2", Long.class),
                    r.get("amount2", BigDecimal.class), r.get("close2", LocalDate.class));
        });
        return new PageResult<>(deals, total, (int) (page.offset() / page.limit()), page.limit());
    }

    private static Movement kind(String kind) {
        return "STAYED".equals(kind) ? null : Movement.valueOf(kind);
    }

    /**
     * Every way a deal that changed between the moments (a line in its stage ledger or a revision of a figure its
     * state holds) and was open in the selection at either moment moved: kind (a {@link Movement}, or STAYED for a
     * deal open at both with the same amount), its stage, amount and expected close date at each moment (null where
     * it was not open in the selection's pipeline); and, as CREATED_AND_CLOSED, the deals of the selection created
     * after the first moment and won or lost by the second, in no bar.
     *
     * <p>A deal that did not change is in the same state at both moments, in no bar. One that changed has a state
     * that began between the moments and holds at the second (x2), and, unless it was created between them, one
     * that holds at the first and ended between them (x1): range scans of the states by when they began and
     * ended (db-changelog 1.9/pipeline-review-flags.xml), not a look-up per deal, nor every state of both moments.
     * x2 is read in two parts: the states still current that began between the moments (their own partial index,
     * 1.10/deal-state-current-index.xml), and those that began between them and ended after the second — few
     * when the second moment is recent. One scan of every state begun between the moments read three times as
     * many index entries for a quarter (docs/performance.md). x1, "holds at the first moment and ended by the
     * second", is one search of a quad tree over the ended states' (start, end) (1.10/deal-state-spans-index.xml):
     * a scan by end read every state that ended in the period, five times as many for a quarter. PostgreSQL
     * cannot estimate how many states that search keeps (it guesses most of them), so the statement runs without
     * nested loops and merge joins ({@link #withRoomToGroup}).
     */
    private String moved(Selection selection, CloseWindow window, Instant from, Instant to) {
        String t1 = literal(from);
        String t2 = literal(to);
        String judged = """
                SELECT s.opportunity_id, s.status, s.stage_id, s.expected_close_date, %1$s AS amt,
                       %2$s AS selected, s.status = 'OPEN' AND %2$s AS open_in, %3$s AS out_of_window
                  FROM deal_state s
                """.formatted(amount(selection, "s"), inPipeline(selection, window, "s"),
                // in the selection but outside the period: only its close date keeps it out
                window.none() ? "false" : "(" + inSelection(selection, "s") + ") AND NOT coalesce(("
                        + window.sql("s") + "), false)");
        return """
                WITH x2 AS (%3$s WHERE upper(s.valid) IS NULL AND lower(s.valid) > %1$s AND lower(s.valid) <= %2$s
                            UNION ALL
                            %3$s WHERE upper(s.valid) > %2$s AND lower(s.valid) > %1$s AND lower(s.valid) <= %2$s),
                     x1 AS (%3$s WHERE s.valid @> %1$s AND s.valid &< tstzrange(%1$s, %2$s, '[]')
                                   AND upper(s.valid) IS NOT NULL),
                     ends AS (
                  SELECT x2.opportunity_id, x1.opportunity_id IS NOT NULL AS existed, x1.status AS status1,
                         coalesce(x1.open_in, false) AS in1, coalesce(x1.out_of_window, false) AS out1,
                         x1.stage_id AS s1, x1.amt AS a1, x1.expected_close_date AS c1, x2.status AS status2,
                         x2.selected AS selected2, x2.open_in AS in2, x2.out_of_window AS out2,
                         x2.stage_id AS s2, x2.amt AS a2, x2.expected_close_date AS c2
                    FROM x2 LEFT JOIN x1 ON x1.opportunity_id = x2.opportunity_id),
                     moved AS (
                  SELECT opportunity_id,
                         CASE WHEN in1 THEN s1 END AS stage1, CASE WHEN in1 THEN a1 END AS amount1,
                         CASE WHEN in1 THEN c1 END AS close1,
                         CASE WHEN in2 THEN s2 END AS stage2, CASE WHEN in2 THEN a2 END AS amount2,
                         CASE WHEN in2 THEN c2 END AS close2,
                         CASE
                           WHEN in1 AND in2 THEN
                             CASE WHEN coalesce(a2, 0) > coalesce(a1, 0) THEN 'AMOUNT_UP'
                                  WHEN coalesce(a2, 0) < coalesce(a1, 0) THEN 'AMOUNT_DOWN'
                                  ELSE 'STAYED' END
                           WHEN in1 THEN
                             CASE WHEN status2 IN ('WON', 'LOST') THEN status2 WHEN out2 THEN 'PUSHED_OUT'
                                  ELSE 'LEFT' END
                           ELSE
                             CASE WHEN NOT in2 THEN 'CREATED_AND_CLOSED'
                                  WHEN NOT existed THEN 'CREATED' WHEN status1 IN ('WON', 'LOST') THEN 'REOPENED'
                                  WHEN out1 THEN 'PULLED_IN' ELSE 'JOINED' END
                         END AS kind
                    FROM ends
                   WHERE in1 OR in2 OR (NOT existed AND status2 IN ('WON', 'LOST') AND selected2))
                """.formatted(t1, t2, judged);
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
        // every figure a flag needs is in the open states' index (db-changelog 1.9/pipeline-review-flags.xml) or
        // in the few ledger lines of the window; the deal's name and its pushes ever are read for the page only
        String judged = """
                WITH b AS (SELECT s.opportunity_id, s.stage_id, %1$s AS amount, s.expected_close_date, s.owner_id,
                                  s.stage_since, s.customer_id, s.deal_created_at
                             FROM deal_state s WHERE %6$s AND %4$s),
                     large AS (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY amount) AS amount FROM b),
                     pushes AS (SELECT r.opportunity_id, count(*) AS in_window FROM deal_revision r
                                 WHERE r.field = 'EXPECTED_CLOSE' AND r.changed_at > %2$s AND r.changed_at <= %3$s
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
                  SELECT b.*, coalesce(p.in_window, 0) AS pushes,
                         floor(extract(epoch FROM %3$s - b.stage_since) / 86400)::bigint AS days_in_stage,
                         floor(extract(epoch FROM %3$s - quiet.at) / 86400)::bigint AS days_quiet,
                         st.stalled_after_days,
                         b.deal_created_at > %2$s AND b.amount > 0 AND b.amount >= (SELECT amount FROM large)
                           AS large_new,
                         b.opportunity_id IN (SELECT opportunity_id FROM cuts) AS cut,
                         b.opportunity_id IN (SELECT opportunity_id FROM backs) AS back
                    FROM b JOIN stage st ON st.id = b.stage_id
                    LEFT JOIN pushes p ON p.opportunity_id = b.opportunity_id
                    LEFT JOIN LATERAL (SELECT a.occurred_at AS at FROM activity a
                                        WHERE a.customer_id = b.customer_id AND a.occurred_at <= %3$s
                                        ORDER BY a.occurred_at DESC LIMIT 1) quiet ON true),
                     judged AS MATERIALIZED (
                  SELECT f.*, pushes > 0 AS f_pushed, cut AS f_cut, back AS f_back,
                         days_in_stage > stalled_after_days AS f_stalled,
                         (days_quiet IS NULL OR days_quiet >= %5$d) AS f_quiet, large_new AS f_large
                    FROM flagged f)
                """.formatted(amount(selection, "s"), t1, t2, inPipeline(selection, window, "s"), quietDays,
                openCondition("s", to));
        String anyFlag = "(f_pushed OR f_cut OR f_back OR f_stalled OR f_quiet OR f_large)";
        String chosen = only == null ? anyFlag : column(only);
        // the counts and the page in one pass: each page row carries the counts; no page row, one row of counts
        String sql = judged + """
                , counts AS (
                  SELECT count(*) FILTER (WHERE %1$s) AS total, count(*) FILTER (WHERE f_pushed) AS n_pushed,
                         count(*) FILTER (WHERE f_cut) AS n_cut, count(*) FILTER (WHERE f_back) AS n_back,
                         count(*) FILTER (WHERE f_stalled) AS n_stalled, count(*) FILTER (WHERE f_quiet) AS n_quiet,
                         count(*) FILTER (WHERE f_large) AS n_large
                    FROM judged),
                     shown AS (SELECT * FROM judged WHERE %1$s
                                ORDER BY amount DESC NULLS LAST, opportunity_id LIMIT %2$d OFFSET %3$d)
                SELECT counts.*, d.*, o.name, u.full_name AS owner, ever.pushes_ever
                  FROM counts
                  LEFT JOIN (shown d JOIN opportunity o ON o.id = d.opportunity_id
                             JOIN app_user u ON u.id = d.owner_id
                             CROSS JOIN LATERAL (SELECT count(*) AS pushes_ever FROM deal_revision r
                                                  WHERE r.opportunity_id = d.opportunity_id
                                                    AND r.field = 'EXPECTED_CLOSE' AND r.changed_at <= %4$s
                                                    AND r.old_value IS NOT NULL
                                                    AND r.new_value > r.old_value) ever) ON true
                 ORDER BY d.amount DESC NULLS LAST, d.opportunity_id
                """.formatted(chosen, page.limit(), page.offset(), t2);
        java.util.Map<Flag, Long> byFlag = new java.util.EnumMap<>(Flag.class);
        List<FlaggedDeal> deals = new ArrayList<>();
        long total = 0;
        for (Record r : db.fetch(sql)) {
            total = r.get("total", Long.class);
            byFlag.put(Flag.CLOSE_PUSHED, r.get("n_pushed", Long.class));
            byFlag.put(Flag.AMOUNT_CUT, r.get("n_cut", Long.class));
            byFlag.put(Flag.STAGE_BACK, r.get("n_back", Long.class));
            byFlag.put(Flag.STALLED, r.get("n_stalled", Long.class));
            byFlag.put(Flag.NO_FOLLOW_UP, r.get("n_quiet", Long.class));
            byFlag.put(Flag.LARGE_NEW, r.get("n_large", Long.class));
            if (r.get("opportunity_id") == null) {
                continue;
            }
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
        return new Flags(byFlag, new PageResult<>(deals, total, (int) (page.offset() / page.limit()), page.limit()));
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
