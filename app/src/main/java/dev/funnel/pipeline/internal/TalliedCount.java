package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.OPPORTUNITY_TALLY;
import static dev.funnel.jooq.Tables.OPPORTUNITY_TALLY_CHANGE;

import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.OpportunityFilter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGStatement;

/**
 * How many deals a filter by owner, pipeline, stage and status lists: the sum of the tally per owner, pipeline,
 * stage and status and of the changes not folded into it yet (db-changelog 1.10/opportunity-list.xml), a few
 * hundred rows where counting the deals reads every one of them.
 *
 * <p>Every page of the opportunity list asks it, so its statement is rendered once per shape of filter (which of
 * the caller's visibility, owner, pipeline, stage and status narrow it: 32 shapes at most) and run straight
 * through JDBC with this call's values.
 */
final class TalliedCount {

    /** Which parts narrow the count; the rendered statement binds their values in this order, tally then changes. */
    private record Shape(boolean scoped, boolean owner, boolean pipeline, boolean stage, boolean status) {
    }

    private final DSLContext db;
    private final Map<Shape, String> rendered = new ConcurrentHashMap<>();

    TalliedCount(DSLContext db) {
        this.db = db;
    }

    long count(VisibleScope scope, OpportunityFilter filter) {
        Shape shape = new Shape(!scope.everything(), filter.ownerId() != null, filter.pipelineId() != null,
                filter.stageId() != null, filter.status() != null);
        String sql = rendered.computeIfAbsent(shape, this::render);
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                // planned with this call's owners every time (never a generic plan of the driver's prepared
                // statement): PostgreSQL then hashes the owners once instead of comparing each tally row with each
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                int next = 1;
                for (int table = 0; table < 2; table++) {
                    next = bind(statement, connection, next, shape, scope, filter);
                }
                try (ResultSet sum = statement.executeQuery()) {
                    sum.next();
                    BigDecimal deals = sum.getBigDecimal(1);
                    return deals == null ? 0 : deals.longValueExact();
                }
            }
        });
    }

    private static int bind(PreparedStatement statement, Connection connection, int first, Shape shape,
                            VisibleScope scope, OpportunityFilter filter) throws SQLException {
        int next = first;
        if (shape.scoped()) {
            // bound as bigint[] (not as text, which PostgreSQL would parse again for every row it tests)
            statement.setArray(next++, connection.createArrayOf("bigint", scope.ownerIds().toArray()));
        }
        if (shape.owner()) {
            statement.setLong(next++, filter.ownerId());
        }
        if (shape.pipeline()) {
            statement.setLong(next++, filter.pipelineId());
        }
        if (shape.stage()) {
            statement.setLong(next++, filter.stageId());
        }
        if (shape.status()) {
            statement.setString(next++, filter.status().name());
        }
        return next;
    }

    private String render(Shape shape) {
        var tallied = DSL.select(OPPORTUNITY_TALLY.DEALS).from(OPPORTUNITY_TALLY)
                .where(keys(shape, OPPORTUNITY_TALLY.OWNER_ID, OPPORTUNITY_TALLY.PIPELINE_ID,
                        OPPORTUNITY_TALLY.STAGE_ID, OPPORTUNITY_TALLY.STATUS))
                .unionAll(DSL.select(OPPORTUNITY_TALLY_CHANGE.DEALS).from(OPPORTUNITY_TALLY_CHANGE)
                        .where(keys(shape, OPPORTUNITY_TALLY_CHANGE.OWNER_ID, OPPORTUNITY_TALLY_CHANGE.PIPELINE_ID,
                                OPPORTUNITY_TALLY_CHANGE.STAGE_ID, OPPORTUNITY_TALLY_CHANGE.STATUS)))
                .asTable("tallied");
        Field<Long> deals = tallied.field(OPPORTUNITY_TALLY.DEALS);
        return db.render(db.select(DSL.sum(deals)).from(tallied));
    }

    /** The shape's conditions, one parameter each, in the order {@link #bind} binds them. */
    private static Condition keys(Shape shape, Field<Long> owner, Field<Long> pipeline, Field<Long> stage,
                                  Field<String> status) {
        List<Condition> conditions = new ArrayList<>();
        if (shape.scoped()) {
            // "= any($1)", not a semi-join on unnest($1): that one is planned from the tally's statistics, and the
            // fold can fill a tally analyzed while empty (an import, a new database); planned as a nested loop it
            // took 20-30 ms per count until autovacuum analyzed the table again
            conditions.add(owner.eq(DSL.any(DSL.param("owners", SQLDataType.BIGINT.array()))));
        }
        if (shape.owner()) {
            conditions.add(owner.eq(DSL.param("owner", Long.class)));
        }
        if (shape.pipeline()) {
            conditions.add(pipeline.eq(DSL.param("pipeline", Long.class)));
        }
        if (shape.stage()) {
            conditions.add(stage.eq(DSL.param("stage", Long.class)));
        }
        if (shape.status()) {
            conditions.add(status.eq(DSL.param("status", String.class)));
        }
        return DSL.and(conditions);
    }
}
