package dev.funnel.pipeline.internal;

import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.OpportunityFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Which parts narrow a plain list of deals ({@link OpportunityFilter#onlyOwnerPipelineStageOrStatus()}): the
 * caller's visible owners, an owner, a pipeline, a stage, a status. There are 32 such shapes at most, so the
 * statements every page of the list runs ({@link TalliedCount}, {@link PlainPageIds}) are rendered by jOOQ once per
 * shape and bound straight through JDBC, in the order {@link #keys} renders and {@link #bind} binds.
 */
record PlainFilter(boolean scoped, boolean owner, boolean pipeline, boolean stage, boolean status) {

    static PlainFilter of(VisibleScope scope, OpportunityFilter filter) {
        return new PlainFilter(!scope.everything(), filter.ownerId() != null, filter.pipelineId() != null,
                filter.stageId() != null, filter.status() != null);
    }

    /** The shape's conditions on these columns, one parameter each (a column the shape does not use may be null). */
    Condition keys(Field<Long> ownerColumn, Field<Long> pipelineColumn, Field<Long> stageColumn,
                   Field<String> statusColumn) {
        List<Condition> conditions = new ArrayList<>();
        if (scoped) {
            // "= any($1)", not a semi-join on unnest($1): that one is planned from the table's statistics, and the
            // fold can fill a tally analyzed while empty (an import, a new database); planned as a nested loop it
            // took 20-30 ms per count until autovacuum analyzed the table again
            conditions.add(ownerColumn.eq(DSL.any(DSL.param("owners", SQLDataType.BIGINT.array()))));
        }
        if (owner) {
            conditions.add(ownerColumn.eq(DSL.param("owner", Long.class)));
        }
        if (pipeline) {
            conditions.add(pipelineColumn.eq(DSL.param("pipeline", Long.class)));
        }
        if (stage) {
            conditions.add(stageColumn.eq(DSL.param("stage", Long.class)));
        }
        if (status) {
            conditions.add(statusColumn.eq(DSL.param("status", String.class)));
        }
        return DSL.and(conditions);
    }

    /** The caller's owners to bind, when the shape is narrowed to them (null when not). */
    java.sql.Array owners(Connection connection, VisibleScope scope) throws SQLException {
        return scoped ? scope.ownerArray(connection) : null;
    }

    /**
     * Binds this call's values of {@link #keys} from parameter {@code first} on, the owners as made by
     * {@link #owners}; answers the next parameter.
     */
    int bind(PreparedStatement statement, java.sql.Array owners, int first, OpportunityFilter filter)
            throws SQLException {
        int next = first;
        if (scoped) {
            // bound as bigint[] (not as text, which PostgreSQL would parse again for every row it tests)
            statement.setArray(next++, owners);
        }
        if (owner) {
            statement.setLong(next++, filter.ownerId());
        }
        if (pipeline) {
            statement.setLong(next++, filter.pipelineId());
        }
        if (stage) {
            statement.setLong(next++, filter.stageId());
        }
        if (status) {
            statement.setString(next++, filter.status().name());
        }
        return next;
    }
}
