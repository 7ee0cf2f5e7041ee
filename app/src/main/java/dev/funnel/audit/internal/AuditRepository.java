package dev.funnel.audit.internal;

import static dev.funnel.jooq.Tables.AUDIT_EVENT;

import dev.funnel.audit.AuditEntry;
import dev.funnel.audit.AuditFilter;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The append-only audit_event table: inserted into and read, never changed (the database refuses that). */
@Repository
public class AuditRepository {

    /** Longer text is cut: an entry records what happened, not a copy of the data. */
    private static final int MAX_TEXT = 2000;

    private final DSLContext db;

    AuditRepository(DSLContext db) {
        this.db = db;
    }

    public void insert(String actor, String action, String targetType, String targetId, String details,
                       String address) {
        db.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.ACTOR, cut(actor))
                .set(AUDIT_EVENT.ACTION, action)
                .set(AUDIT_EVENT.TARGET_TYPE, targetType)
                .set(AUDIT_EVENT.TARGET_ID, cut(targetId))
                .set(AUDIT_EVENT.DETAILS, cut(details))
                .set(AUDIT_EVENT.ADDRESS, cut(address))
                .execute();
    }

    public List<AuditEntry> find(AuditFilter filter, ZoneId zone, long offset, int limit) {
        return db.selectFrom(AUDIT_EVENT).where(condition(filter, zone))
                .orderBy(AUDIT_EVENT.OCCURRED_AT.desc(), AUDIT_EVENT.ID.desc())
                .limit(limit).offset(offset)
                .fetch(r -> new AuditEntry(r.getId(), r.getOccurredAt(), r.getActor(), r.getAction(),
                        r.getTargetType(), r.getTargetId(), r.getDetails(), r.getAddress()));
    }

    public long count(AuditFilter filter, ZoneId zone) {
        return db.fetchCount(AUDIT_EVENT, condition(filter, zone));
    }

    private static Condition condition(AuditFilter filter, ZoneId zone) {
        Condition condition = DSL.noCondition();
        if (filter.from() != null) {
            condition = condition.and(AUDIT_EVENT.OCCURRED_AT.ge(filter.from().atStartOfDay(zone).toOffsetDateTime()));
        }
        if (filter.to() != null) {
            condition = condition.and(AUDIT_EVENT.OCCURRED_AT.lt(filter.to().plusDays(1).atStartOfDay(zone)
                    .toOffsetDateTime()));
        }
        if (filter.actor() != null && !filter.actor().isBlank()) {
            condition = condition.and(DSL.lower(AUDIT_EVENT.ACTOR).eq(filter.actor().trim().toLowerCase(Locale.ROOT)));
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            String action = filter.action().trim();
            condition = condition.and(AUDIT_EVENT.ACTION.eq(action).or(AUDIT_EVENT.ACTION.startsWith(action + ".")));
        }
        return condition;
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
