package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.OPPORTUNITY;

import dev.funnel.identity.VisibleScope;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The visibility of rows that belong to an opportunity (lines, tasks, confirmations, its ledger). */
final class DealScope {

    private DealScope() {
    }

    /** Rows whose opportunity the scope sees: its owner is one the scope names. */
    static Condition visibleDeal(VisibleScope scope, Field<Long> opportunityId) {
        if (scope.everything()) {
            return DSL.trueCondition();
        }
        return DSL.exists(DSL.selectOne().from(OPPORTUNITY)
                .where(OPPORTUNITY.ID.eq(opportunityId)).and(scope.owns(OPPORTUNITY.OWNER_ID)));
    }
}
