package dev.funnel.identity;

import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

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
     * The same condition as {@link #owns(Field)}, with the owners bound as one array ({@code = any(?)}) instead of
     * one value each: for statements on small tables, whose plan does not hinge on how many owners there are, it
     * spares rendering and sending hundreds of values. Large tables keep {@link #owns(Field)}, whose values the
     * planner weighs one by one.
     */
    public Condition ownsAsArray(Field<Long> ownerColumn) {
        return everything ? DSL.trueCondition() : ownerColumn.eq(DSL.any(ownerIds.toArray(Long[]::new)));
    }

    public boolean canSee(Long ownerId) {
        return everything || (ownerId != null && ownerIds.contains(ownerId));
    }
}
