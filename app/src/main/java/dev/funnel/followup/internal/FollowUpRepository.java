package dev.funnel.followup.internal;

import static dev.funnel.jooq.Tables.ACTIVITY;
import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CUSTOMER;

import dev.funnel.followup.FollowUp;
import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpType;
import dev.funnel.identity.VisibleScope;
import dev.funnel.platform.TimelineCursor;
import dev.funnel.platform.TimelineEntry;
import dev.funnel.platform.TimelineKind;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Follow-up records. Every read takes the caller's {@link VisibleScope}. */
@Repository
public class FollowUpRepository {

    private final DSLContext db;

    FollowUpRepository(DSLContext db) {
        this.db = db;
    }

    public List<FollowUp> findForCustomer(VisibleScope scope, long customerId, int limit) {
        return find(scope, ACTIVITY.CUSTOMER_ID.eq(customerId), limit);
    }

    /**
     * The follow-ups the scope sees, newest first; text matches the content. A narrowed sync window lists in id
     * order.
     */
    public List<FollowUp> findVisible(VisibleScope scope, String text, dev.funnel.platform.SyncWindow window,
                                      long offset, int limit) {
        return db.select(ACTIVITY.fields()).select(APP_USER.FULL_NAME, CUSTOMER.NAME)
                .from(ACTIVITY)
                .join(APP_USER).on(APP_USER.ID.eq(ACTIVITY.OWNER_ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(ACTIVITY.CUSTOMER_ID))
                .where(textual(scope, text, window))
                .orderBy(window.narrowed() ? List.of(ACTIVITY.ID.asc())
                        : List.of(ACTIVITY.OCCURRED_AT.desc(), ACTIVITY.ID.desc()))
                .limit(limit).offset(offset)
                .fetch(FollowUpRepository::toActivity);
    }

    public long countVisible(VisibleScope scope, String text, dev.funnel.platform.SyncWindow window) {
        return db.fetchCount(ACTIVITY, textual(scope, text, window));
    }

    private static Condition textual(VisibleScope scope, String text, dev.funnel.platform.SyncWindow window) {
        Condition condition = scope.owns(ACTIVITY.OWNER_ID);
        if (text != null && !text.isBlank()) {
            condition = condition.and(ACTIVITY.CONTENT.containsIgnoreCase(text.trim()));
        }
        return condition.and(window.holds(ACTIVITY.UPDATED_AT, ACTIVITY.ID));
    }

    public List<FollowUp> findForOpportunity(VisibleScope scope, long opportunityId, int limit) {
        return find(scope, ACTIVITY.OPPORTUNITY_ID.eq(opportunityId), limit);
    }

    /** Writes many follow-ups of one owner, a thousand to a statement; one without a time happened now. */
    public void insertAll(List<FollowUpDraft> drafts, OffsetDateTime now, long ownerId) {
        for (int from = 0; from < drafts.size(); from += 1000) {
            var insert = db.insertInto(ACTIVITY, ACTIVITY.TYPE, ACTIVITY.OCCURRED_AT, ACTIVITY.CONTENT,
                    ACTIVITY.CUSTOMER_ID, ACTIVITY.CONTACT_ID, ACTIVITY.OPPORTUNITY_ID, ACTIVITY.NEXT_FOLLOW_UP_ON,
                    ACTIVITY.OWNER_ID, ACTIVITY.CREATED_BY, ACTIVITY.UPDATED_BY);
            for (FollowUpDraft d : drafts.subList(from, Math.min(drafts.size(), from + 1000))) {
                insert = insert.values(d.type().name(), d.occurredAt() == null ? now : d.occurredAt(),
                        d.content().trim(), d.customerId(), d.contactId(), d.opportunityId(), d.nextFollowUpOn(),
                        ownerId, ownerId, ownerId);
            }
            insert.execute();
        }
    }

    public long insert(FollowUpDraft draft, OffsetDateTime occurredAt, long ownerId, long actorId) {
        return db.insertInto(ACTIVITY)
                .set(ACTIVITY.TYPE, draft.type().name())
                .set(ACTIVITY.OCCURRED_AT, occurredAt)
                .set(ACTIVITY.CONTENT, draft.content().trim())
                .set(ACTIVITY.CUSTOMER_ID, draft.customerId())
                .set(ACTIVITY.CONTACT_ID, draft.contactId())
                .set(ACTIVITY.OPPORTUNITY_ID, draft.opportunityId())
                .set(ACTIVITY.NEXT_FOLLOW_UP_ON, draft.nextFollowUpOn())
                .set(ACTIVITY.OWNER_ID, ownerId)
                .set(ACTIVITY.CREATED_BY, actorId)
                .set(ACTIVITY.UPDATED_BY, actorId)
                .returning(ACTIVITY.ID).fetchOne(ACTIVITY.ID);
    }

    /** The customer's follow-ups after the cursor, newest first, as timeline entries. */
    public List<TimelineEntry> timeline(VisibleScope scope, long customerId, TimelineCursor after, int limit) {
        return db.select(ACTIVITY.ID, ACTIVITY.OCCURRED_AT, ACTIVITY.TYPE, ACTIVITY.CONTENT, ACTIVITY.OPPORTUNITY_ID,
                        APP_USER.FULL_NAME)
                .from(ACTIVITY)
                .join(APP_USER).on(APP_USER.ID.eq(ACTIVITY.OWNER_ID))
                .where(ACTIVITY.CUSTOMER_ID.eq(customerId).and(scope.owns(ACTIVITY.OWNER_ID))
                        .and(TimelineCursor.after(after, TimelineKind.FOLLOW_UP, ACTIVITY.OCCURRED_AT, ACTIVITY.ID)))
                .orderBy(ACTIVITY.OCCURRED_AT.desc(), ACTIVITY.ID.desc())
                .limit(limit)
                .fetch(r -> new TimelineEntry(TimelineKind.FOLLOW_UP, r.value2(), r.value1(), r.value3(), r.value4(),
                        null, null, r.value6(), null, null, r.value5()));
    }

    /** When anyone last followed the customer up, whoever may see it: protection counts from it. */
    @dev.funnel.identity.Unscoped("the days since the last contact count every rep's follow-ups of a customer the "
            + "service showed the caller may see; only a time is answered")
    public java.util.Optional<OffsetDateTime> lastFollowUp(long customerId) {
        return db.select(DSL.max(ACTIVITY.OCCURRED_AT)).from(ACTIVITY).where(ACTIVITY.CUSTOMER_ID.eq(customerId))
                .fetchOptional(0, OffsetDateTime.class);
    }

    /**
     * A person's planned follow-ups: of each customer, their newest follow-up, when it names a next date on or
     * after {@code from}; a later follow-up of the same customer replaces the plan. Soonest first.
     */
    public List<FollowUp> plannedBy(VisibleScope scope, long ownerId, java.time.LocalDate from, int limit) {
        var newest = db.select(ACTIVITY.ID).distinctOn(ACTIVITY.CUSTOMER_ID).from(ACTIVITY)
                .where(ACTIVITY.OWNER_ID.eq(ownerId))
                .orderBy(ACTIVITY.CUSTOMER_ID, ACTIVITY.OCCURRED_AT.desc(), ACTIVITY.ID.desc());
        return db.select(ACTIVITY.fields()).select(APP_USER.FULL_NAME, CUSTOMER.NAME)
                .from(ACTIVITY)
                .join(APP_USER).on(APP_USER.ID.eq(ACTIVITY.OWNER_ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(ACTIVITY.CUSTOMER_ID))
                .where(ACTIVITY.ID.in(newest).and(ACTIVITY.NEXT_FOLLOW_UP_ON.ge(from))
                        .and(scope.owns(ACTIVITY.OWNER_ID)))
                .orderBy(ACTIVITY.NEXT_FOLLOW_UP_ON, ACTIVITY.ID)
                .limit(limit)
                .fetch(FollowUpRepository::toActivity);
    }

    public java.util.Optional<FollowUp> findById(VisibleScope scope, long id) {
        return find(scope, ACTIVITY.ID.eq(id), 1).stream().findFirst();
    }

    private List<FollowUp> find(VisibleScope scope, Condition subject, int limit) {
        return db.select(ACTIVITY.fields()).select(APP_USER.FULL_NAME, CUSTOMER.NAME)
                .from(ACTIVITY)
                .join(APP_USER).on(APP_USER.ID.eq(ACTIVITY.OWNER_ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(ACTIVITY.CUSTOMER_ID))
                .where(subject.and(scope.owns(ACTIVITY.OWNER_ID)))
                .orderBy(ACTIVITY.OCCURRED_AT.desc(), ACTIVITY.ID.desc())
                .limit(limit)
                .fetch(FollowUpRepository::toActivity);
    }

    private static FollowUp toActivity(Record r) {
        return new FollowUp(r.get(ACTIVITY.ID), FollowUpType.valueOf(r.get(ACTIVITY.TYPE)), r.get(ACTIVITY.OCCURRED_AT),
                r.get(ACTIVITY.CONTENT), r.get(ACTIVITY.CUSTOMER_ID), r.get(ACTIVITY.CONTACT_ID),
                r.get(ACTIVITY.OPPORTUNITY_ID), r.get(ACTIVITY.OWNER_ID), r.get(APP_USER.FULL_NAME),
                r.get(ACTIVITY.VERSION), r.get(ACTIVITY.NEXT_FOLLOW_UP_ON), r.get(CUSTOMER.NAME));
    }
}
