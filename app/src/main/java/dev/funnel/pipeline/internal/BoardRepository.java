package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CUSTOMER;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.STAGE;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.sum;

import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.BoardCard;
import dev.funnel.pipeline.BoardFilter;
import dev.funnel.pipeline.OpportunityStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

/**
 * The board's queries: one GROUP BY for every column head, and one page of cards per column, both on the open
 * deals of a pipeline narrowed by the caller's {@link VisibleScope} and the board's filters. Nothing loads all
 * deals into memory, so the board stays fast with tens of thousands of them.
 */
@Repository
public class BoardRepository {

    private final DSLContext db;

    BoardRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Per stage id: count, total amount and weighted amount of the deals in the company currency (each deal
     * converted at its own day's rate), and how many deals have no rate to be converted at.
     */
    public record Totals(long count, BigDecimal amount, BigDecimal weighted, long unconverted) {
    }

    public Map<Long, Totals> totals(VisibleScope scope, BoardFilter filter, Set<Long> teamOwners) {
        Field<Integer> converted = count(OPPORTUNITY.COMPANY_AMOUNT);
        Field<BigDecimal> amount = coalesce(sum(OPPORTUNITY.COMPANY_AMOUNT), inline(BigDecimal.ZERO));
        Field<BigDecimal> weighted = coalesce(sum(OPPORTUNITY.COMPANY_AMOUNT.times(STAGE.PROBABILITY).divide(inline(100))),
                inline(BigDecimal.ZERO));
        return db.select(OPPORTUNITY.STAGE_ID, count(), converted, amount, weighted)
                .from(OPPORTUNITY)
                .join(STAGE).on(STAGE.ID.eq(OPPORTUNITY.STAGE_ID))
                .where(matching(scope, filter, teamOwners))
                .groupBy(OPPORTUNITY.STAGE_ID)
                .fetch()
                .stream()
                .collect(Collectors.toMap(r -> r.value1(), r -> new Totals(r.value2(), r.value4(),
                        r.value5().setScale(2, java.math.RoundingMode.HALF_UP), r.value2() - r.value3())));
    }

    /** One page of a column's cards, longest in the stage first. */
    public List<BoardCard> cards(VisibleScope scope, BoardFilter filter, Set<Long> teamOwners, long stageId,
                                 int offset, int limit, OffsetDateTime now, int stalledAfterDays) {
        return db.select(OPPORTUNITY.ID, OPPORTUNITY.VERSION, OPPORTUNITY.NAME, CUSTOMER.NAME, OPPORTUNITY.AMOUNT,
                        OPPORTUNITY.CURRENCY, OPPORTUNITY.OWNER_ID, APP_USER.FULL_NAME, OPPORTUNITY.STAGE_ID,
                        OPPORTUNITY.STAGE_ENTERED_AT, OPPORTUNITY.GRADE, OPPORTUNITY.WIN_PROBABILITY)
                .from(OPPORTUNITY)
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(OPPORTUNITY.CUSTOMER_ID))
                .join(APP_USER).on(APP_USER.ID.eq(OPPORTUNITY.OWNER_ID))
                .where(matching(scope, filter, teamOwners).and(OPPORTUNITY.STAGE_ID.eq(stageId)))
                .orderBy(OPPORTUNITY.STAGE_ENTERED_AT.asc(), OPPORTUNITY.ID)
                .limit(limit).offset(offset)
                .fetch(r -> {
                    long days = ChronoUnit.DAYS.between(r.value10(), now);
                    return new BoardCard(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                            r.value7(), r.value8(), r.value9(), days, days > stalledAfterDays, r.value11(),
                            r.value12());
                });
    }

    private static Condition matching(VisibleScope scope, BoardFilter filter, Set<Long> teamOwners) {
        Condition condition = scope.owns(OPPORTUNITY.OWNER_ID)
                .and(OPPORTUNITY.PIPELINE_ID.eq(filter.pipelineId()))
                .and(OPPORTUNITY.STATUS.eq(OpportunityStatus.OPEN.name()));
        if (filter.ownerId() != null) {
            condition = condition.and(OPPORTUNITY.OWNER_ID.eq(filter.ownerId()));
        }
        if (teamOwners != null) {
            condition = condition.and(OPPORTUNITY.OWNER_ID.in(teamOwners));
        }
        if (filter.grade() != null) {
            condition = condition.and(OPPORTUNITY.GRADE.eq(filter.grade()));
        }
        if (filter.leadSource() != null) {
            condition = condition.and(OPPORTUNITY.LEAD_SOURCE.eq(filter.leadSource()));
        }
        if (filter.closeFrom() != null) {
            condition = condition.and(OPPORTUNITY.EXPECTED_CLOSE_DATE.ge(filter.closeFrom()));
        }
        if (filter.closeTo() != null) {
            condition = condition.and(OPPORTUNITY.EXPECTED_CLOSE_DATE.le(filter.closeTo()));
        }
        return condition;
    }
}
