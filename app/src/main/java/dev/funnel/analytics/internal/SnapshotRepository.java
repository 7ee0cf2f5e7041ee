package dev.funnel.analytics.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.FORECAST_SNAPSHOT;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.STAGE;

import dev.funnel.analytics.PeriodKind;
import dev.funnel.identity.VisibleScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Weekly forecast snapshots per rep, written in one statement, and what they said about a period. */
@Repository
public class SnapshotRepository {

    private final DSLContext db;

    SnapshotRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Takes today's snapshot of the period holding today for every owner with won or open business in it: one in
     * the company currency over all their deals, converted, as the reports count them by default; and one per
     * other currency over the deals in it, as entered, for reports narrowed to that currency. A snapshot already
     * taken today is kept as it is: a repeated run writes nothing twice.
     *
     * @return how many snapshots were written
     */
    public int take(LocalDate today, PeriodKind kind, String companyCurrency) {
        return take(today, kind, companyCurrency, true) + take(today, kind, companyCurrency, false);
    }

    private int take(LocalDate today, PeriodKind kind, String companyCurrency, boolean converted) {
        LocalDate start = kind.start(today);
        LocalDate end = kind.end(start);
        Condition wonInPeriod = OPPORTUNITY.STATUS.eq(DSL.inline("WON")).and(OPPORTUNITY.ACTUAL_CLOSE_DATE.between(start, end));
        // open deals expected in the period, and those overdue, since today is in it
        Condition openInPeriod = OPPORTUNITY.STATUS.eq(DSL.inline("OPEN")).and(OPPORTUNITY.EXPECTED_CLOSE_DATE.le(end));
        Field<BigDecimal> amount = converted ? OPPORTUNITY.COMPANY_AMOUNT
                : DSL.coalesce(OPPORTUNITY.ACTUAL_AMOUNT, OPPORTUNITY.AMOUNT);
        Field<String> currency = converted ? DSL.val(companyCurrency) : OPPORTUNITY.CURRENCY;
        Field<BigDecimal> won = DSL.coalesce(DSL.sum(amount).filterWhere(wonInPeriod), BigDecimal.ZERO);
        Field<BigDecimal> commit = weighted(amount, openInPeriod, "COMMIT");
        Field<BigDecimal> bestCase = weighted(amount, openInPeriod, "BEST_CASE");
        Field<BigDecimal> pipeline = weighted(amount, openInPeriod, "PIPELINE");
        // the deals with a win probability by it, the others by their stage's; null when none has one
        Field<BigDecimal> modelWeighted = DSL.coalesce(DSL.round(DSL.sum(DSL.coalesce(amount,
                        DSL.inline(BigDecimal.ZERO)).mul(DSL.coalesce(OPPORTUNITY.WIN_PROBABILITY,
                        STAGE.PROBABILITY.cast(BigDecimal.class).div(DSL.inline(new BigDecimal(100)))))).filterWhere(openInPeriod),
                        2),
                BigDecimal.ZERO);
        Field<BigDecimal> modelForecast = DSL.when(DSL.count(OPPORTUNITY.WIN_PROBABILITY).filterWhere(openInPeriod)
                .gt(0), won.plus(modelWeighted));
        List<Field<?>> groups = converted ? List.of(OPPORTUNITY.OWNER_ID) : List.of(OPPORTUNITY.OWNER_ID, currency);
        Condition deals = converted ? wonInPeriod.or(openInPeriod)
                : wonInPeriod.or(openInPeriod).and(OPPORTUNITY.CURRENCY.ne(companyCurrency));
        return db.insertInto(FORECAST_SNAPSHOT, FORECAST_SNAPSHOT.TAKEN_ON, FORECAST_SNAPSHOT.PERIOD_KIND,
                        FORECAST_SNAPSHOT.PERIOD_START, FORECAST_SNAPSHOT.OWNER_ID, FORECAST_SNAPSHOT.CURRENCY,
                        FORECAST_SNAPSHOT.CLOSED_WON, FORECAST_SNAPSHOT.COMMIT_WEIGHTED,
                        FORECAST_SNAPSHOT.BEST_CASE_WEIGHTED, FORECAST_SNAPSHOT.PIPELINE_WEIGHTED,
                        FORECAST_SNAPSHOT.FORECAST, FORECAST_SNAPSHOT.MODEL_FORECAST)
                .select(DSL.select(DSL.val(today), DSL.val(kind.name()), DSL.val(start), OPPORTUNITY.OWNER_ID,
                                currency, won, commit, bestCase, pipeline,
                                won.plus(commit).plus(bestCase).plus(pipeline), modelForecast)
                        .from(OPPORTUNITY).join(STAGE).on(STAGE.ID.eq(OPPORTUNITY.STAGE_ID))
                        .where(deals)
                        .groupBy(groups))
                .onConflictDoNothing()
                .execute();
    }

    private static Field<BigDecimal> weighted(Field<BigDecimal> dealAmount, Condition open, String category) {
        Field<BigDecimal> amount = DSL.coalesce(dealAmount, DSL.inline(BigDecimal.ZERO))
                .mul(STAGE.PROBABILITY).div(DSL.inline(new BigDecimal(100)));
        return DSL.coalesce(DSL.round(DSL.sum(amount).filterWhere(open.and(STAGE.FORECAST_CATEGORY.eq(category))), 2),
                BigDecimal.ZERO);
    }

    /** Per visible rep: the first snapshot taken in the period, in the currency. */
    public List<FirstSnapshot> firstInPeriod(PeriodKind kind, LocalDate start, String currency, VisibleScope scope) {
        var first = DSL.select(FORECAST_SNAPSHOT.OWNER_ID, DSL.min(FORECAST_SNAPSHOT.TAKEN_ON).as("taken_on"))
                .from(FORECAST_SNAPSHOT)
                .where(FORECAST_SNAPSHOT.PERIOD_KIND.eq(kind.name())).and(FORECAST_SNAPSHOT.PERIOD_START.eq(start))
                .and(FORECAST_SNAPSHOT.CURRENCY.eq(currency)).and(scope.owns(FORECAST_SNAPSHOT.OWNER_ID))
                .groupBy(FORECAST_SNAPSHOT.OWNER_ID)
                .asTable("first");
        return db.select(FORECAST_SNAPSHOT.OWNER_ID, APP_USER.FULL_NAME, FORECAST_SNAPSHOT.TAKEN_ON,
                        FORECAST_SNAPSHOT.FORECAST, FORECAST_SNAPSHOT.MODEL_FORECAST)
                .from(FORECAST_SNAPSHOT)
                .join(first).on(first.field(FORECAST_SNAPSHOT.OWNER_ID).eq(FORECAST_SNAPSHOT.OWNER_ID)
                        .and(first.field("taken_on", LocalDate.class).eq(FORECAST_SNAPSHOT.TAKEN_ON)))
                .join(APP_USER).on(APP_USER.ID.eq(FORECAST_SNAPSHOT.OWNER_ID))
                .where(FORECAST_SNAPSHOT.PERIOD_KIND.eq(kind.name())).and(FORECAST_SNAPSHOT.PERIOD_START.eq(start))
                .and(FORECAST_SNAPSHOT.CURRENCY.eq(currency))
                .orderBy(APP_USER.FULL_NAME)
                .fetch(r -> new FirstSnapshot(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** @param modelForecast the forecast by win probability, or null when none was known that week */
    public record FirstSnapshot(long ownerId, String ownerName, LocalDate takenOn, BigDecimal forecast,
                                BigDecimal modelForecast) {
    }
}
