package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.OPPORTUNITY_OWNER_TALLY;
import static dev.funnel.jooq.Tables.OPPORTUNITY_TALLY;
import static dev.funnel.jooq.Tables.OPPORTUNITY_TALLY_CHANGE;

import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.OpportunityFilter;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.postgresql.PGStatement;

/**
 * How many deals a filter by owner, pipeline, stage and status lists: the sum of the tally per owner, pipeline,
 * stage and status (or, narrowed by neither pipeline nor stage, of the tally per owner and status: 1.10/
 * opportunity-owner-tally.xml) and of the changes not folded into it yet (db-changelog 1.10/opportunity-list.xml), a
 * few hundred rows where counting the deals reads every one of them.
 *
 * <p>Every page of the opportunity list asks it, so its statement is rendered once per shape of filter (which of
 * the caller's visibility, owner, pipeline, stage and status narrow it: 32 shapes at most) and run straight
 * through JDBC with this call's values.
 */
final class TalliedCount {

    private final DSLContext db;
    private final Map<PlainFilter, String> rendered = new ConcurrentHashMap<>();

    TalliedCount(DSLContext db) {
        this.db = db;
    }

    long count(VisibleScope scope, OpportunityFilter filter) {
        PlainFilter shape = PlainFilter.of(scope, filter);
        String sql = rendered.computeIfAbsent(shape, this::render);
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                // planned with this call's owners every time (never a generic plan of the driver's prepared
                // statement): PostgreSQL then hashes the owners once instead of comparing each tally row with each
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                java.sql.Array owners = shape.owners(connection, scope);
                int next = 1;
                for (int table = 0; table < 2; table++) {
                    next = shape.bind(statement, owners, next, filter);
                }
                try (ResultSet sum = statement.executeQuery()) {
                    sum.next();
                    BigDecimal deals = sum.getBigDecimal(1);
                    return deals == null ? 0 : deals.longValueExact();
                }
            }
        });
    }

    private String render(PlainFilter shape) {
        // without a pipeline or a stage, the tally per owner and status has all it needs in a fraction of the rows
        var folded = shape.pipeline() || shape.stage()
                ? DSL.select(OPPORTUNITY_TALLY.DEALS).from(OPPORTUNITY_TALLY)
                .where(shape.keys(OPPORTUNITY_TALLY.OWNER_ID, OPPORTUNITY_TALLY.PIPELINE_ID,
                        OPPORTUNITY_TALLY.STAGE_ID, OPPORTUNITY_TALLY.STATUS))
                : DSL.select(OPPORTUNITY_OWNER_TALLY.DEALS).from(OPPORTUNITY_OWNER_TALLY)
                .where(shape.keys(OPPORTUNITY_OWNER_TALLY.OWNER_ID, null, null, OPPORTUNITY_OWNER_TALLY.STATUS));
        var tallied = folded
                .unionAll(DSL.select(OPPORTUNITY_TALLY_CHANGE.DEALS).from(OPPORTUNITY_TALLY_CHANGE)
                        .where(shape.keys(OPPORTUNITY_TALLY_CHANGE.OWNER_ID, OPPORTUNITY_TALLY_CHANGE.PIPELINE_ID,
                                OPPORTUNITY_TALLY_CHANGE.STAGE_ID, OPPORTUNITY_TALLY_CHANGE.STATUS)))
                .asTable("tallied");
        Field<Long> deals = tallied.field(0, Long.class);
        return db.render(db.select(DSL.sum(deals)).from(tallied));
    }
}
