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
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql(shape))) {
                // planned with this call's owners every time (never a generic plan of the driver's prepared
                // statement): PostgreSQL then hashes the owners once instead of comparing each tally row with each
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                bind(statement, shape, shape.owners(connection, scope), 1, filter);
                try (ResultSet sum = statement.executeQuery()) {
                    return total(sum);
                }
            }
        });
    }

    /**
     * The statement for a filter of this shape. Its statement must be planned with the call's owners every time
     * ({@code setPrepareThreshold(0)}): only then does PostgreSQL hash the owners once instead of comparing each tally
     * row with each owner.
     */
    String sql(PlainFilter shape) {
        return rendered.computeIfAbsent(shape, this::render);
    }

    /** Binds the values of {@link #sql} from parameter {@code first} on; answers the next parameter. */
    static int bind(PreparedStatement statement, PlainFilter shape, java.sql.Array owners, int first,
                    OpportunityFilter filter) throws java.sql.SQLException {
        int next = first;
        for (int table = 0; table < 2; table++) {
            next = shape.bind(statement, owners, next, filter);
        }
        return next;
    }

    /** The count in the result of {@link #sql}. */
    static long total(ResultSet sum) throws java.sql.SQLException {
        sum.next();
        BigDecimal deals = sum.getBigDecimal(1);
        return deals == null ? 0 : deals.longValueExact();
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
