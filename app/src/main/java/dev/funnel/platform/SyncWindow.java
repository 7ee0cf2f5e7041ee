package dev.funnel.platform;

import java.time.OffsetDateTime;

/**
 * What an integration's incremental sync asks of a list (docs/api.md, "Incremental sync"): only the rows changed at
 * or after {@code updatedSince}, and, to walk a large set without gaps or repeats while rows change meanwhile, only
 * those with an id above {@code afterId}. Lists that take it are in id order.
 */
public record SyncWindow(OffsetDateTime updatedSince, Long afterId) {

    public static final SyncWindow ALL = new SyncWindow(null, null);

    /** The rows in the window, for a repository: by the table's last-change time and id. */
    public org.jooq.Condition holds(org.jooq.Field<OffsetDateTime> updatedAt, org.jooq.Field<Long> id) {
        org.jooq.Condition condition = org.jooq.impl.DSL.noCondition();
        if (updatedSince != null) {
            condition = condition.and(updatedAt.ge(updatedSince));
        }
        return afterId == null ? condition : condition.and(id.gt(afterId));
    }

    /** Whether the caller asked for a sync rather than the whole list. */
    public boolean narrowed() {
        return updatedSince != null || afterId != null;
    }
}
