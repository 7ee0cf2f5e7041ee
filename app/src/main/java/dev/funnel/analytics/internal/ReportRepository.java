package dev.funnel.analytics.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.OPPORTUNITY_LINE;
import static dev.funnel.jooq.Tables.PRODUCT;
import static dev.funnel.jooq.Tables.STAGE;
import static dev.funnel.jooq.Tables.STAGE_ENTRY;
import static dev.funnel.jooq.Tables.STAGE_ENTRY_MONTH;
import static dev.funnel.jooq.Tables.STAGE_HISTORY;
import static dev.funnel.jooq.Tables.TEAM;

import dev.funnel.analytics.DealRow;
import dev.funnel.analytics.DrillDown;
import dev.funnel.analytics.GroupBy;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.identity.VisibleScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record6;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/**
 * The report queries. Each aggregates in the database and answers a handful of rows — one per stage or group —
 * never the deals themselves. The definitions are docs/metrics.md's.
 */
@Repository
public class ReportRepository {

    // statuses are written as literals, never bound: the reports' partial indexes (WHERE status IN ('WON', 'LOST'),
    // WHERE status = 'OPEN') are usable only when the planner sees the value, also in a cached generic plan
    private static final String WON = "WON";
    private static final String LOST = "LOST";
    private static final String OPEN = "OPEN";
    /** The funnel level of a deal that was won: above every open stage. */
    private static final int WON_LEVEL = Integer.MAX_VALUE;

    private final DSLContext db;
    private final Clock clock;

    ReportRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The deals a report covers, apart from the period: pipeline, currency, what the caller may see, and the
     * optional narrowing by owners, lead source and product. A null currency covers every deal with its amount in
     * the company currency (converted at its own day's rate, docs/metrics.md "Currencies"); a currency code
     * covers only the deals in it, with their amounts as entered.
     */
    public record Selection(Long pipelineId, String currency, VisibleScope visible, Set<Long> owners, String source,
                            Long productId, ZoneId zone) {

        /** Deals of every pipeline: for targets, which count won business wherever it was won. */
        public static Selection allPipelines(String currency, VisibleScope visible, Set<Long> owners, ZoneId zone) {
            return new Selection(null, currency, visible, owners, null, null, zone);
        }

        boolean converted() {
            return currency == null;
        }

        /** A deal's amount: the won amount when won, otherwise its amount; zero when it has none or no rate. */
        Field<BigDecimal> amount() {
            return converted() ? DSL.coalesce(OPPORTUNITY.COMPANY_AMOUNT, DSL.inline(BigDecimal.ZERO))
                    : DSL.coalesce(OPPORTUNITY.ACTUAL_AMOUNT, OPPORTUNITY.AMOUNT, DSL.inline(BigDecimal.ZERO));
        }

        /** The amount as entered (converted or not), null when there is none: for figures that skip such deals. */
        Field<BigDecimal> knownAmount() {
            return converted() ? OPPORTUNITY.COMPANY_AMOUNT : DSL.coalesce(OPPORTUNITY.ACTUAL_AMOUNT, OPPORTUNITY.AMOUNT);
        }

        Condition condition() {
            Condition c = (converted() ? DSL.trueCondition() : OPPORTUNITY.CURRENCY.eq(currency))
                    .and(visible.owns(OPPORTUNITY.OWNER_ID));
            if (pipelineId != null) {
                c = c.and(OPPORTUNITY.PIPELINE_ID.eq(pipelineId));
            }
            if (owners != null) {
                c = c.and(owners.isEmpty() ? DSL.falseCondition() : OPPORTUNITY.OWNER_ID.in(owners));
            }
            if (source != null) {
                c = c.and(OPPORTUNITY.LEAD_SOURCE.eq(source));
            }
            if (productId != null) {
                c = c.and(DSL.exists(DSL.selectOne().from(OPPORTUNITY_LINE)
                        .where(OPPORTUNITY_LINE.OPPORTUNITY_ID.eq(OPPORTUNITY.ID))
                        .and(OPPORTUNITY_LINE.PRODUCT_ID.eq(productId))));
            }
            return c;
        }

        /**
         * As {@link #within}, with the bounds written into the SQL: the planner then sees how many days a range
         * covers. With bound values a statement run often gets PostgreSQL's generic plan, which cannot tell three
         * days of entries (an index-only range) from three years (a scan) and picks one plan for both.
         */
        Condition withinLiterally(Field<OffsetDateTime> time, LocalDate from, LocalDate to) {
            return bounded(time, from, to, DSL::inline);
        }

        Condition within(Field<OffsetDateTime> time, LocalDate from, LocalDate to) {
            return bounded(time, from, to, DSL::val);
        }

        private Condition bounded(Field<OffsetDateTime> time, LocalDate from, LocalDate to,
                                  java.util.function.Function<OffsetDateTime, Field<OffsetDateTime>> value) {
            Condition c = DSL.trueCondition();
            if (from != null) {
                c = c.and(time.ge(value.apply(from.atStartOfDay(zone).toOffsetDateTime())));
            }
            if (to != null) {
                c = c.and(time.lt(value.apply(to.plusDays(1).atStartOfDay(zone).toOffsetDateTime())));
            }
            return c;
        }
    }

    /** Deals created in the period, counted by the highest stage position they ever entered (won: above all). */
    public Map<Integer, CountAndAmount> funnelLevels(Selection selection, LocalDate from, LocalDate to) {
        Field<Integer> level = level();
        return db.select(level, DSL.count(), DSL.sum(selection.amount()))
                .from(OPPORTUNITY)
                .where(selection.condition()).and(selection.within(OPPORTUNITY.CREATED_AT, from, to))
                .groupBy(level)
                .fetchMap(r -> r.value1(), r -> new CountAndAmount(r.value2(), r.value3()));
    }

    /** How far a deal got: the position of the highest stage it entered, or above every stage once it was won. */
    private static Field<Integer> level() {
        return DSL.when(OPPORTUNITY.EVER_WON, DSL.inline(WON_LEVEL)).otherwise(OPPORTUNITY.REACHED_POSITION)
                .as("level");
    }

    public static int wonLevel() {
        return WON_LEVEL;
    }

    /** A count of deals and the sum of their amounts. */
    public record CountAndAmount(long count, BigDecimal amount) {
    }

    /**
     * Per stage: the deals whose first entry into it lies in the period, and what became of them since. Months
     * are read from the monthly summary and days from the entries ({@link ConversionPieces}; db-changelog
     * 1.3/conversion-summary.xml keeps both current); a product filter, which the summary does not carry, reads
     * the entries of the whole period.
     */
    public Map<Long, Conversion> conversion(Selection selection, LocalDate from, LocalDate to) {
        Condition inPipeline = STAGE.PIPELINE_ID.eq(selection.pipelineId());
        List<ConversionPieces.Piece> pieces = selection.productId() != null
                ? List.of(new ConversionPieces.Piece(false, from, to, 1))
                : ConversionPieces.of(from, to, LocalDate.now(clock.withZone(selection.zone())));
        var all = pieces.stream()
                .map(piece -> piece.months() ? months(selection, inPipeline, piece) : entries(selection, inPipeline, piece))
                .reduce(Select::unionAll).orElseThrow().asTable("part");
        Field<Long> stageId = all.field(0, Long.class);
        return db.select(stageId, DSL.sum(all.field(1, Integer.class)), DSL.sum(all.field(2, Integer.class)),
                        DSL.sum(all.field(3, Integer.class)), DSL.sum(all.field(4, Integer.class)),
                        DSL.sum(all.field(5, BigDecimal.class)))
                .from(all)
                .groupBy(stageId)
                // a month less its other days can leave a stage with nothing: as if it had had no row
                .having(DSL.sum(all.field(1, Integer.class)).ne(BigDecimal.ZERO))
                .fetchMap(r -> r.value1(), r -> new Conversion(r.value2().longValue(), r.value3().longValue(),
                        r.value4().longValue(), r.value5().longValue(),
                        r.value6().signum() == 0 ? BigDecimal.ZERO : r.value6()));
    }

    /** Whole months of the summary, added or taken away. */
    private Select<Record6<Long, Integer, Integer, Integer, Integer, BigDecimal>> months(
            Selection selection, Condition inPipeline, ConversionPieces.Piece piece) {
        Condition months = DSL.trueCondition();
        if (piece.from() != null) {
            months = months.and(STAGE_ENTRY_MONTH.ENTRY_MONTH.ge(DSL.inline(piece.from())));
        }
        if (piece.to() != null) {
            months = months.and(STAGE_ENTRY_MONTH.ENTRY_MONTH.lt(DSL.inline(piece.to())));
        }
        Field<Integer> sign = DSL.inline(piece.sign());
        return DSL.select(STAGE_ENTRY_MONTH.STAGE_ID, STAGE_ENTRY_MONTH.ENTERED.mul(sign).as("entered"),
                        STAGE_ENTRY_MONTH.ADVANCED.mul(sign).as("advanced"),
                        STAGE_ENTRY_MONTH.OPEN_HERE.mul(sign).as("open_here"), STAGE_ENTRY_MONTH.LOST.mul(sign).as("lost"),
                        (selection.converted() ? STAGE_ENTRY_MONTH.LOST_COMPANY_AMOUNT : STAGE_ENTRY_MONTH.LOST_AMOUNT)
                                .mul(DSL.inline(BigDecimal.valueOf(piece.sign()))).as("lost_amount"))
                .from(STAGE_ENTRY_MONTH).join(STAGE).on(STAGE.ID.eq(STAGE_ENTRY_MONTH.STAGE_ID))
                .where(inPipeline).and(months)
                .and(entryCondition(selection, STAGE_ENTRY_MONTH.OWNER_ID, STAGE_ENTRY_MONTH.CURRENCY,
                        STAGE_ENTRY_MONTH.LEAD_SOURCE));
    }

    /** The entries of a stretch of days, one row each in the shape of the summary's, added or taken away. */
    private Select<Record6<Long, Integer, Integer, Integer, Integer, BigDecimal>> entries(
            Selection selection, Condition inPipeline, ConversionPieces.Piece piece) {
        Condition c = inPipeline.and(selection.withinLiterally(STAGE_ENTRY.ENTERED_AT, piece.from(), piece.to()))
                .and(entryCondition(selection, STAGE_ENTRY.OWNER_ID, STAGE_ENTRY.CURRENCY, STAGE_ENTRY.LEAD_SOURCE));
        if (selection.productId() != null) {
            c = c.and(DSL.exists(DSL.selectOne().from(OPPORTUNITY_LINE)
                    .where(OPPORTUNITY_LINE.OPPORTUNITY_ID.eq(STAGE_ENTRY.OPPORTUNITY_ID))
                    .and(OPPORTUNITY_LINE.PRODUCT_ID.eq(selection.productId()))));
        }
        int sign = piece.sign();
        return DSL.select(STAGE_ENTRY.STAGE_ID, DSL.inline(sign).as("entered"),
                        flag(STAGE_ENTRY.ADVANCED, sign).as("advanced"), flag(STAGE_ENTRY.OPEN_HERE, sign).as("open_here"),
                        flag(STAGE_ENTRY.LOST, sign).as("lost"),
                        DSL.when(STAGE_ENTRY.LOST, (selection.converted()
                                        ? DSL.coalesce(STAGE_ENTRY.COMPANY_AMOUNT, DSL.inline(BigDecimal.ZERO))
                                        : STAGE_ENTRY.AMOUNT).mul(DSL.inline(BigDecimal.valueOf(sign))))
                                .otherwise(DSL.inline(BigDecimal.ZERO.setScale(2))).as("lost_amount"))
                .from(STAGE_ENTRY).join(STAGE).on(STAGE.ID.eq(STAGE_ENTRY.STAGE_ID))
                .where(c);
    }

    private static Field<Integer> flag(Field<Boolean> condition, int sign) {
        return DSL.when(condition, DSL.inline(sign)).otherwise(DSL.inline(0));
    }

    /** The selection's owner, currency and lead-source rules on the entry tables' copies of those columns. */
    private static Condition entryCondition(Selection selection, Field<Long> owner, Field<String> currency,
                                            Field<String> source) {
        Condition c = (selection.converted() ? DSL.trueCondition() : currency.eq(selection.currency()))
                .and(selection.visible().owns(owner));
        if (selection.owners() != null) {
            c = c.and(selection.owners().isEmpty() ? DSL.falseCondition() : owner.in(selection.owners()));
        }
        if (selection.source() != null) {
            c = c.and(source.eq(selection.source()));
        }
        return c;
    }

    public record Conversion(long entered, long advanced, long stillOpen, long lost, BigDecimal lostAmount) {
    }

    /**
     * Per stage: the stays that ended in the period — from an entry into the stage to the deal's next ledger
     * line — with their mean and median length in days; and how many deals are in the stage now.
     */
    public Map<Long, StageStays> stays(Selection selection, LocalDate from, LocalDate to) {
        Field<OffsetDateTime> endedAt = DSL.lead(STAGE_HISTORY.CHANGED_AT)
                .over(DSL.partitionBy(STAGE_HISTORY.OPPORTUNITY_ID).orderBy(STAGE_HISTORY.ID)).as("ended_at");
        var ledger = DSL.select(STAGE_HISTORY.TO_STAGE_ID, STAGE_HISTORY.EVENT, STAGE_HISTORY.CHANGED_AT, endedAt)
                .from(STAGE_HISTORY)
                .join(OPPORTUNITY).on(OPPORTUNITY.ID.eq(STAGE_HISTORY.OPPORTUNITY_ID))
                .where(selection.condition())
                .asTable("ledger");
        Field<OffsetDateTime> start = ledger.field(STAGE_HISTORY.CHANGED_AT);
        Field<OffsetDateTime> end = ledger.field(endedAt);
        Field<Long> stageId = ledger.field(STAGE_HISTORY.TO_STAGE_ID);
        // lengths in days from the exact interval, so that mean and median are exact to the microsecond
        Field<BigDecimal> days = DSL.field("extract(epoch from ({0} - {1})) / 86400", SQLDataType.NUMERIC, end, start);
        Field<BigDecimal> medianDays = DSL.field("extract(epoch from percentile_cont(0.5) within group (order by {0} - {1})) / 86400",
                SQLDataType.NUMERIC, end, start);
        Map<Long, StageStays> stays = db.select(stageId, DSL.count(), DSL.avg(days), medianDays)
                .from(ledger)
                .where(ledger.field(STAGE_HISTORY.EVENT).in("CREATED", "MOVED", "REOPENED"))
                .and(end.isNotNull())
                .and(selection.within(end, from, to))
                .groupBy(stageId)
                .fetchMap(r -> r.value1(), r -> new StageStays(r.value2(), r.value3(), r.value4(), 0));
        db.select(OPPORTUNITY.STAGE_ID, DSL.count()).from(OPPORTUNITY)
                .where(selection.condition()).and(OPPORTUNITY.STATUS.eq(DSL.inline(OPEN)))
                .groupBy(OPPORTUNITY.STAGE_ID)
                .forEach(r -> stays.merge(r.value1(), new StageStays(0, null, null, r.value2()),
                        (a, b) -> new StageStays(a.stays(), a.meanDays(), a.medianDays(), b.current())));
        return stays;
    }

    public record StageStays(long stays, BigDecimal meanDays, BigDecimal medianDays, long current) {
    }

    /**
     * Deals closed with this outcome in the period: how many, and the median and mean of their length in calendar
     * days from the day they were created to the day they closed.
     */
    public CycleFigures cycle(Selection selection, LocalDate from, LocalDate to, String status) {
        // date - date is a whole number of days in PostgreSQL
        Field<Integer> days = DSL.field("{0} - {1}", Integer.class, OPPORTUNITY.ACTUAL_CLOSE_DATE,
                localDate(OPPORTUNITY.CREATED_AT, selection.zone())).as("days");
        var lengths = DSL.select(days).from(OPPORTUNITY)
                .where(selection.condition()).and(OPPORTUNITY.STATUS.eq(DSL.inline(status)))
                .and(closedBetween(from, to))
                .asTable("lengths");
        Field<Integer> length = lengths.field(days);
        return db.select(DSL.count(), DSL.percentileCont(0.5).withinGroupOrderBy(length), DSL.avg(length))
                .from(lengths)
                .fetchSingle(r -> new CycleFigures(r.value1(),
                        r.value2() == null ? null : BigDecimal.valueOf(r.value2().doubleValue()), r.value3()));
    }

    public record CycleFigures(long deals, BigDecimal medianDays, BigDecimal meanDays) {
    }

    /** Deals in the selection open now, whatever the period. */
    public long openDeals(Selection selection) {
        return db.fetchCount(OPPORTUNITY, selection.condition().and(OPPORTUNITY.STATUS.eq(DSL.inline(OPEN))));
    }

    private static Condition closedBetween(LocalDate from, LocalDate to) {
        Condition closed = DSL.trueCondition();
        if (from != null) {
            closed = closed.and(OPPORTUNITY.ACTUAL_CLOSE_DATE.ge(from));
        }
        if (to != null) {
            closed = closed.and(OPPORTUNITY.ACTUAL_CLOSE_DATE.le(to));
        }
        return closed;
    }

    /** The calendar day a moment falls on in the company's time zone. */
    private static Field<LocalDate> localDate(Field<OffsetDateTime> time, ZoneId zone) {
        if (zone instanceof java.time.ZoneOffset offset) {
            // a bare offset: PostgreSQL would read '+08:00' as a POSIX zone, with the sign reversed
            return DSL.field("({0} at time zone make_interval(secs => {1}))::date", LocalDate.class, time,
                    DSL.inline(offset.getTotalSeconds()));
        }
        return DSL.field("({0} at time zone {1})::date", LocalDate.class, time, DSL.inline(zone.getId()));
    }

    /** The deals behind a figure, a page at a time, newest first, with the total. */
    public PageResult<DealRow> dealsBehind(Selection selection, LocalDate from, LocalDate to, DrillDown drill,
                                           PageRequest page) {
        Condition behind = selection.condition().and(behind(selection, from, to, drill));
        int total = db.fetchCount(OPPORTUNITY, behind);
        var customer = dev.funnel.jooq.Tables.CUSTOMER;
        List<DealRow> rows = db.select(OPPORTUNITY.ID, OPPORTUNITY.NAME, customer.NAME, APP_USER.FULL_NAME,
                        STAGE.NAME_EN, STAGE.NAME_ZH, OPPORTUNITY.STATUS,
                        DSL.coalesce(OPPORTUNITY.ACTUAL_AMOUNT, OPPORTUNITY.AMOUNT, DSL.inline(BigDecimal.ZERO)),
                        OPPORTUNITY.CURRENCY,
                        OPPORTUNITY.ACTUAL_CLOSE_DATE)
                .from(OPPORTUNITY)
                .join(APP_USER).on(APP_USER.ID.eq(OPPORTUNITY.OWNER_ID))
                .join(STAGE).on(STAGE.ID.eq(OPPORTUNITY.STAGE_ID))
                .leftJoin(customer).on(customer.ID.eq(OPPORTUNITY.CUSTOMER_ID))
                .where(behind)
                .orderBy(OPPORTUNITY.ID.desc())
                .offset(page.offset()).limit(page.limit())
                .fetch(r -> new DealRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9(), r.value10()));
        return new PageResult<>(rows, total, (int) (page.offset() / page.limit()), page.limit());
    }

    private Condition behind(Selection selection, LocalDate from, LocalDate to, DrillDown drill) {
        return switch (drill.kind()) {
            case REACHED_STAGE -> {
                int position = db.select(STAGE.POSITION).from(STAGE).where(STAGE.ID.eq(drill.stageId()))
                        .fetchOptional(STAGE.POSITION).orElse(Integer.MAX_VALUE);
                yield selection.within(OPPORTUNITY.CREATED_AT, from, to)
                        .and(OPPORTUNITY.EVER_WON.isTrue().or(OPPORTUNITY.REACHED_POSITION.ge(position)));
            }
            case WON -> selection.within(OPPORTUNITY.CREATED_AT, from, to).and(OPPORTUNITY.EVER_WON.isTrue());
            case ENTERED_STAGE -> DSL.exists(DSL.selectOne().from(STAGE_ENTRY)
                    .where(STAGE_ENTRY.OPPORTUNITY_ID.eq(OPPORTUNITY.ID))
                    .and(STAGE_ENTRY.STAGE_ID.eq(drill.stageId()))
                    .and(selection.within(STAGE_ENTRY.ENTERED_AT, from, to)));
            case CLOSED -> {
                Condition closed = switch (drill.outcome()) {
                    case ANY -> OPPORTUNITY.STATUS.in(DSL.inline(WON), DSL.inline(LOST));
                    case WON -> OPPORTUNITY.STATUS.eq(DSL.inline(WON));
                    case LOST -> OPPORTUNITY.STATUS.eq(DSL.inline(LOST));
                };
                closed = closed.and(closedBetween(from, to));
                yield drill.groupBy() == null ? closed : closed.and(inGroup(drill.groupBy(), drill.groupKey()));
            }
        };
    }

    /** The deal belongs to the win-rate report's group with this key (null: the group without a team or source). */
    private static Condition inGroup(GroupBy groupBy, String key) {
        return switch (groupBy) {
            case OWNER -> OPPORTUNITY.OWNER_ID.eq(Long.valueOf(key));
            case TEAM -> DSL.exists(DSL.selectOne().from(APP_USER).where(APP_USER.ID.eq(OPPORTUNITY.OWNER_ID))
                    .and(key == null ? APP_USER.TEAM_ID.isNull() : APP_USER.TEAM_ID.eq(Long.valueOf(key))));
            case PRODUCT -> DSL.exists(DSL.selectOne().from(OPPORTUNITY_LINE)
                    .where(OPPORTUNITY_LINE.OPPORTUNITY_ID.eq(OPPORTUNITY.ID))
                    .and(OPPORTUNITY_LINE.PRODUCT_ID.eq(Long.valueOf(key))));
            case SOURCE -> key == null ? OPPORTUNITY.LEAD_SOURCE.isNull() : OPPORTUNITY.LEAD_SOURCE.eq(key);
            case MONTH -> DSL.field("to_char({0}, 'YYYY-MM')", String.class, OPPORTUNITY.ACTUAL_CLOSE_DATE).eq(key);
        };
    }

    /**
     * Open deals expected to close in the period, by their stage's forecast category: count, amount and amount
     * weighted by the stage's probability. Deals whose expected close date has passed count in the period that
     * holds today.
     */
    public Map<String, Weighted> openByCategory(Selection selection, LocalDate from, LocalDate to, LocalDate today) {
        Field<BigDecimal> amount = selection.amount();
        Field<BigDecimal> weighted = amount.mul(STAGE.PROBABILITY).div(DSL.inline(new BigDecimal(100)));
        return db.select(STAGE.FORECAST_CATEGORY, DSL.count(), DSL.sum(amount), DSL.sum(weighted))
                .from(OPPORTUNITY).join(STAGE).on(STAGE.ID.eq(OPPORTUNITY.STAGE_ID))
                .where(openExpected(selection, from, to, today))
                .groupBy(STAGE.FORECAST_CATEGORY)
                .fetchMap(r -> r.value1(), r -> new Weighted(r.value2(), r.value3(), r.value4()));
    }

    public record Weighted(long deals, BigDecimal amount, BigDecimal weighted) {
    }

    /**
     * The same open deals, those with an amount, weighted by the primary scorer's win probability (the stage's
     * when a deal has none): how many, how many had one, the weighted amount and the variance of the won amount
     * (each deal won or lost by its own probability, independently).
     */
    public ModelTotals modelTotals(Selection selection, LocalDate from, LocalDate to, LocalDate today) {
        Field<BigDecimal> amount = selection.knownAmount();
        Field<BigDecimal> probability = DSL.coalesce(OPPORTUNITY.WIN_PROBABILITY,
                STAGE.PROBABILITY.cast(BigDecimal.class).div(DSL.inline(new BigDecimal(100))));
        return db.select(DSL.count(), DSL.count(OPPORTUNITY.WIN_PROBABILITY),
                        DSL.coalesce(DSL.sum(amount), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(amount.mul(probability)), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(amount.mul(amount).mul(probability)
                                .mul(DSL.inline(BigDecimal.ONE).minus(probability))), BigDecimal.ZERO))
                .from(OPPORTUNITY).join(STAGE).on(STAGE.ID.eq(OPPORTUNITY.STAGE_ID))
                .where(openExpected(selection, from, to, today)).and(amount.isNotNull())
                .fetchOne(r -> new ModelTotals(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** @param amount the deals' amounts added up: the most the period could add, every one of them won */
    public record ModelTotals(int deals, int scored, BigDecimal amount, BigDecimal weighted, BigDecimal variance) {
    }

    /** The same deals one by one, amount and probability: for the range when they are few enough to count. */
    public List<OpenDeal> openDeals(Selection selection, LocalDate from, LocalDate to, LocalDate today) {
        Field<BigDecimal> amount = selection.knownAmount();
        return db.select(amount, STAGE.PROBABILITY, OPPORTUNITY.WIN_PROBABILITY)
                .from(OPPORTUNITY).join(STAGE).on(STAGE.ID.eq(OPPORTUNITY.STAGE_ID))
                .where(openExpected(selection, from, to, today)).and(amount.isNotNull())
                .fetch(r -> new OpenDeal(r.value1(), r.value2(), r.value3()));
    }

    public record OpenDeal(BigDecimal amount, int stageProbability, BigDecimal winProbability) {
    }

    /**
     * Open deals expected in the period; overdue ones in the period that holds today. One range either way, so
     * that the index on the expected close date reads just that range.
     */
    private static Condition openExpected(Selection selection, LocalDate from, LocalDate to, LocalDate today) {
        boolean holdsToday = !today.isBefore(from) && !today.isAfter(to);
        Condition expected = holdsToday ? OPPORTUNITY.EXPECTED_CLOSE_DATE.le(to)
                : OPPORTUNITY.EXPECTED_CLOSE_DATE.between(from, to);
        return selection.condition().and(OPPORTUNITY.STATUS.eq(DSL.inline(OPEN))).and(expected);
    }

    /**
     * Deals closed in the window, counted by the highest stage position they ever entered (won: above all), and
     * how many of each level were won: the ground for each stage's historical probability.
     */
    public Map<Integer, long[]> closedLevels(Selection selection, LocalDate from, LocalDate to) {
        Field<Integer> level = level();
        Map<Integer, long[]> levels = new java.util.HashMap<>();
        db.select(level, DSL.count(), DSL.count().filterWhere(OPPORTUNITY.STATUS.eq(DSL.inline(WON))))
                .from(OPPORTUNITY)
                .where(selection.condition()).and(OPPORTUNITY.STATUS.in(DSL.inline(WON), DSL.inline(LOST))).and(closedBetween(from, to))
                .groupBy(level)
                .forEach(r -> levels.put(r.value1(), new long[] {r.value2(), r.value3()}));
        return levels;
    }

    /** Won and lost deals closed in the period, per group. */
    public List<Outcomes> outcomes(Selection selection, LocalDate from, LocalDate to, GroupBy groupBy) {
        return outcomesWithTotal(selection, from, to, groupBy).groups();
    }

    /**
     * Won and lost deals closed in the period, per group, and for all of them. Where each deal is in one group the
     * total is the sum of the groups' counts and sums; by products, where a deal with two products is in two
     * groups, the total is counted apart, by deal.
     */
    public OutcomeTable outcomesWithTotal(Selection selection, LocalDate from, LocalDate to, GroupBy groupBy) {
        Grouping g = grouping(groupBy, selection);
        Condition closed = OPPORTUNITY.STATUS.in(DSL.inline(WON), DSL.inline(LOST)).and(closedBetween(from, to));
        List<Outcomes> groups = db.select(g.key(), g.label(), DSL.count().filterWhere(OPPORTUNITY.STATUS.eq(DSL.inline(WON))),
                        DSL.count().filterWhere(OPPORTUNITY.STATUS.eq(DSL.inline(LOST))),
                        DSL.coalesce(DSL.sum(g.amount()).filterWhere(OPPORTUNITY.STATUS.eq(DSL.inline(WON))), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(g.amount()).filterWhere(OPPORTUNITY.STATUS.eq(DSL.inline(LOST))), BigDecimal.ZERO))
                .from(g.source())
                .where(selection.condition()).and(closed)
                .groupBy(g.groupBy())
                .orderBy(g.key())
                .fetch(r -> new Outcomes(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
        Outcomes total;
        if (groupBy == GroupBy.PRODUCT) {
            total = db.select(DSL.count().filterWhere(OPPORTUNITY.STATUS.eq(DSL.inline(WON))),
                            DSL.count().filterWhere(OPPORTUNITY.STATUS.eq(DSL.inline(LOST))),
                            DSL.coalesce(DSL.sum(selection.amount()).filterWhere(OPPORTUNITY.STATUS.eq(DSL.inline(WON))), BigDecimal.ZERO),
                            DSL.coalesce(DSL.sum(selection.amount()).filterWhere(OPPORTUNITY.STATUS.eq(DSL.inline(LOST))),
                                    BigDecimal.ZERO))
                    .from(OPPORTUNITY).where(selection.condition()).and(closed)
                    .fetchSingle(r -> new Outcomes(null, null, r.value1(), r.value2(), r.value3(), r.value4()));
        } else {
            total = groups.stream().reduce(new Outcomes(null, null, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO),
                    (a, b) -> new Outcomes(null, null, a.won() + b.won(), a.lost() + b.lost(),
                            a.wonAmount().add(b.wonAmount()), a.lostAmount().add(b.lostAmount())));
        }
        return new OutcomeTable(groups, total);
    }

    public record OutcomeTable(List<Outcomes> groups, Outcomes total) {
    }

    private record Grouping(Field<String> key, Field<String> label, Field<BigDecimal> amount, Table<?> source,
                            List<Field<?>> groupBy) {
    }

    /**
     * A line's amount as the opportunity shows it: quantity × unit price less the discount, to the cent. Lines are
     * priced in the deal's currency; converted, a line takes its share of the deal's converted amount, so that it
     * is converted at the deal's rate and the lines of a deal add up to what the deal counts for.
     */
    private static Field<BigDecimal> lineTotal(Selection selection) {
        Field<BigDecimal> keep = DSL.round(DSL.inline(new BigDecimal(100)).minus(OPPORTUNITY_LINE.DISCOUNT_PERCENT)
                .div(DSL.inline(new BigDecimal(100))), 6);
        Field<BigDecimal> line = DSL.round(OPPORTUNITY_LINE.QUANTITY.mul(OPPORTUNITY_LINE.UNIT_PRICE).mul(keep), 2);
        if (!selection.converted()) {
            return line;
        }
        Field<BigDecimal> entered = DSL.nullif(DSL.coalesce(OPPORTUNITY.ACTUAL_AMOUNT, OPPORTUNITY.AMOUNT),
                DSL.inline(BigDecimal.ZERO));
        return DSL.coalesce(DSL.round(line.mul(OPPORTUNITY.COMPANY_AMOUNT).div(entered), 2),
                DSL.inline(BigDecimal.ZERO));
    }

    private static Grouping grouping(GroupBy groupBy, Selection selection) {
        Field<BigDecimal> dealAmount = selection.amount();
        return switch (groupBy) {
            case OWNER -> new Grouping(OPPORTUNITY.OWNER_ID.cast(String.class), APP_USER.FULL_NAME, dealAmount,
                    OPPORTUNITY.join(APP_USER).on(APP_USER.ID.eq(OPPORTUNITY.OWNER_ID)),
                    List.of(OPPORTUNITY.OWNER_ID, APP_USER.FULL_NAME));
            case TEAM -> new Grouping(TEAM.ID.cast(String.class), TEAM.NAME, dealAmount,
                    OPPORTUNITY.join(APP_USER).on(APP_USER.ID.eq(OPPORTUNITY.OWNER_ID))
                            .leftJoin(TEAM).on(TEAM.ID.eq(APP_USER.TEAM_ID)), List.of(TEAM.ID, TEAM.NAME));
            // a deal with two products counts for both, each with its own line's amount
            case PRODUCT -> new Grouping(PRODUCT.ID.cast(String.class), PRODUCT.NAME, lineTotal(selection),
                    OPPORTUNITY.join(OPPORTUNITY_LINE).on(OPPORTUNITY_LINE.OPPORTUNITY_ID.eq(OPPORTUNITY.ID))
                            .join(PRODUCT).on(PRODUCT.ID.eq(OPPORTUNITY_LINE.PRODUCT_ID)),
                    List.of(PRODUCT.ID, PRODUCT.NAME));
            case SOURCE -> new Grouping(OPPORTUNITY.LEAD_SOURCE, OPPORTUNITY.LEAD_SOURCE, dealAmount, OPPORTUNITY,
                    List.of(OPPORTUNITY.LEAD_SOURCE));
            case MONTH -> {
                Field<String> month = DSL.field("to_char({0}, 'YYYY-MM')", String.class,
                        OPPORTUNITY.ACTUAL_CLOSE_DATE);
                yield new Grouping(month, month, dealAmount, OPPORTUNITY, List.of(month));
            }
        };
    }

    public record Outcomes(String key, String label, long won, long lost, BigDecimal wonAmount,
                           BigDecimal lostAmount) {
    }
}
