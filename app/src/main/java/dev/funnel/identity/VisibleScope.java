package dev.funnel.identity;

import java.util.Set;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Whose records a user may see: everyone's (admin), or those owned by a fixed set of users (a rep: themself;
 * a manager: everyone in the teams they manage and the sub-teams below them). Every query on owned records
 * narrows itself with {@link #owns(Field)}: this is the one place visibility is decided in the data layer.
 */
public record VisibleScope(long userId, boolean everything, Set<Long> ownerIds) {

    public VisibleScope {
        ownerIds = Set.copyOf(ownerIds);
    }

    public static VisibleScope everything(long userId) {
        return new VisibleScope(userId, true, Set.of());
    }

    public static VisibleScope owners(long userId, Set<Long> ownerIds) {
        return new VisibleScope(userId, false, ownerIds);
    }

    /** The condition that keeps only rows whose owner column names a visible owner. */
    public Condition owns(Field<Long> ownerColumn) {
        return everything ? DSL.trueCondition() : ownerColumn.in(ownerIds);
    }

    /**
     * The same condition as {@link #owns(Field)}, with the owners bound as one {@code bigint[]} ({@code = any(?)})
     * instead of one value each: for a manager of 200 people, building, rendering and binding 200 values was most
     * of the Java time of the opportunity list's page (issue 17). The array is bound as an array, not as text: a
     * text cast to an array is parsed again for every row the condition tests. Its statements are planned with the
     * array's values (PostgreSQL's custom plans) as an IN list's are, but a generic plan, which a statement run
     * over and over on one connection may get, assumes ten owners: use it where the plan does not hinge on how many
     * owners there are (checked with EXPLAIN for both), keep {@link #owns(Field)} elsewhere.
     */
    public Condition ownsAsArray(Field<Long> ownerColumn) {
        return everything ? DSL.trueCondition()
                : ownerColumn.eq(DSL.any(DSL.val(ownerIds.toArray(Long[]::new), BIGINT_ARRAY)));
    }

    private static final DataType<Long[]> BIGINT_ARRAY =
            SQLDataType.BIGINT.array().asConvertedDataType(new BigintArrayBinding());

    /** The visible owners as one PostgreSQL {@code bigint[]} for {@code setArray}; see {@link #bigintArray}. */
    public java.sql.Array ownerArray(java.sql.Connection connection) throws java.sql.SQLException {
        return bigintArray(connection, ownerIds);
    }

    /**
     * Ids as one PostgreSQL {@code bigint[]} for {@code setArray}, sent in binary. The driver's
     * {@code createArrayOf("bigint", Long[])} writes the array as text, which PostgreSQL then parses: for 200 owners,
     * four times a page, that writing alone took a fourteenth of the server's CPU for a page of deals (issue 17).
     */
    public static java.sql.Array bigintArray(java.sql.Connection connection, java.util.Collection<Long> ids)
            throws java.sql.SQLException {
        long[] values = new long[ids.size()];
        int next = 0;
        for (Long id : ids) {
            values[next++] = id;
        }
        return connection.unwrap(org.postgresql.PGConnection.class).createArrayOf("int8", values);
    }

    public boolean canSee(Long ownerId) {
        return everything || (ownerId != null && ownerIds.contains(ownerId));
    }
}
