package dev.funnel.platform;

import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A position in a customer's timeline, whose order is: newest first, then by {@link TimelineKind}, then newest id
 * first. A page is 'the entries after this cursor'; entries of the same instant are never split or repeated.
 */
public record TimelineCursor(OffsetDateTime at, TimelineKind kind, long id) {

    /**
     * The condition that keeps a source's rows after the cursor (all of them without one): each source has one
     * kind, so its rows compare with the cursor by time, and by id only when the kinds are equal.
     */
    public static Condition after(TimelineCursor cursor, TimelineKind kind, Field<OffsetDateTime> at,
                                  Field<Long> id) {
        if (cursor == null) {
            return DSL.trueCondition();
        }
        int byKind = kind.compareTo(cursor.kind());
        if (byKind > 0) {
            return at.le(cursor.at());
        }
        if (byKind < 0) {
            return at.lt(cursor.at());
        }
        return at.lt(cursor.at()).or(at.eq(cursor.at()).and(id.lt(cursor.id())));
    }

    /** Whether an entry of {@code entryKind} at {@code entryAt} with {@code entryId} comes after this cursor. */
    public boolean isBefore(OffsetDateTime entryAt, TimelineKind entryKind, long entryId) {
        int byTime = entryAt.compareTo(at);
        if (byTime != 0) {
            return byTime < 0;
        }
        int byKind = entryKind.compareTo(kind);
        return byKind != 0 ? byKind > 0 : entryId < id;
    }
}
