package dev.funnel.support.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CUSTOMER;
import static dev.funnel.jooq.Tables.SERVICE_REQUEST;

import dev.funnel.identity.VisibleScope;
import dev.funnel.platform.TimelineCursor;
import dev.funnel.platform.TimelineEntry;
import dev.funnel.platform.TimelineKind;
import dev.funnel.support.RequestPriority;
import dev.funnel.support.RequestStatus;
import dev.funnel.support.ServiceRequest;
import dev.funnel.support.ServiceRequestDraft;
import java.time.LocalDate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Service requests; the service checks that the caller sees the customer first. */
@Repository
public class ServiceRequestRepository {

    private final DSLContext db;
    /** Audit times follow the application's clock, like every other time it writes. */
    private final Clock clock;

    ServiceRequestRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<ServiceRequest> findForCustomer(VisibleScope scope, long customerId) {
        return select(SERVICE_REQUEST.CUSTOMER_ID.eq(customerId).and(scope.owns(CUSTOMER.OWNER_ID)))
                .orderBy(SERVICE_REQUEST.CREATED_AT.desc(), SERVICE_REQUEST.ID.desc())
                .fetch(ServiceRequestRepository::toRequest);
    }

    /** Requests of the customers the scope sees, newest first; text matches the subject or the customer. */
    public List<ServiceRequest> find(VisibleScope scope, String text, boolean openOnly,
                                     dev.funnel.platform.SyncWindow window, long offset, int limit) {
        return select(visible(scope, text, openOnly, window))
                .orderBy(window.narrowed() ? List.of(SERVICE_REQUEST.ID.asc())
                        : List.of(SERVICE_REQUEST.CREATED_AT.desc(), SERVICE_REQUEST.ID.desc()))
                .limit(limit).offset(offset)
                .fetch(ServiceRequestRepository::toRequest);
    }

    public long count(VisibleScope scope, String text, boolean openOnly, dev.funnel.platform.SyncWindow window) {
        return db.fetchCount(db.select(SERVICE_REQUEST.ID).from(SERVICE_REQUEST)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(SERVICE_REQUEST.CUSTOMER_ID))
                .where(visible(scope, text, openOnly, window)));
    }

    private static Condition visible(VisibleScope scope, String text, boolean openOnly,
                                     dev.funnel.platform.SyncWindow window) {
        Condition condition = scope.owns(CUSTOMER.OWNER_ID).and(window.holds(SERVICE_REQUEST.UPDATED_AT,
                SERVICE_REQUEST.ID));
        if (text != null && !text.isBlank()) {
            condition = condition.and(SERVICE_REQUEST.SUBJECT.containsIgnoreCase(text.trim())
                    .or(CUSTOMER.NAME.containsIgnoreCase(text.trim())));
        }
        if (openOnly) {
            condition = condition.and(SERVICE_REQUEST.STATUS.in(RequestStatus.OPEN.name(),
                    RequestStatus.IN_PROGRESS.name()));
        }
        return condition;
    }

    public Optional<ServiceRequest> findById(VisibleScope scope, long id) {
        return select(SERVICE_REQUEST.ID.eq(id).and(scope.owns(CUSTOMER.OWNER_ID)))
                .fetchOptional(ServiceRequestRepository::toRequest);
    }

    public int openCount(VisibleScope scope, long customerId) {
        return db.fetchCount(db.select(SERVICE_REQUEST.ID).from(SERVICE_REQUEST)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(SERVICE_REQUEST.CUSTOMER_ID))
                .where(SERVICE_REQUEST.CUSTOMER_ID.eq(customerId)).and(scope.owns(CUSTOMER.OWNER_ID))
                .and(SERVICE_REQUEST.STATUS.in(RequestStatus.OPEN.name(), RequestStatus.IN_PROGRESS.name())));
    }

    public long insert(ServiceRequestDraft draft, LocalDate openedOn, long ownerId, long actorId) {
        return db.insertInto(SERVICE_REQUEST)
                .set(SERVICE_REQUEST.CUSTOMER_ID, draft.customerId())
                .set(SERVICE_REQUEST.CONTACT_ID, draft.contactId())
                .set(SERVICE_REQUEST.SUBJECT, draft.subject().trim())
                .set(SERVICE_REQUEST.DESCRIPTION, draft.description())
                .set(SERVICE_REQUEST.PRIORITY, draft.priority().name())
                .set(SERVICE_REQUEST.STATUS, draft.status().name())
                .set(SERVICE_REQUEST.OPENED_ON, openedOn)
                .set(SERVICE_REQUEST.DUE_ON, draft.dueOn())
                .set(SERVICE_REQUEST.RESOLVED_ON, draft.status().isOpen() ? null : openedOn)
                .set(SERVICE_REQUEST.OWNER_ID, ownerId)
                .set(SERVICE_REQUEST.CREATED_BY, actorId)
                .set(SERVICE_REQUEST.UPDATED_BY, actorId)
                .returning(SERVICE_REQUEST.ID).fetchOne(SERVICE_REQUEST.ID);
    }

    /** Writes only when the row still has the version the caller read; answers whether it did. */
    public boolean update(long id, int version, ServiceRequestDraft draft, LocalDate resolvedOn, long actorId) {
        return db.update(SERVICE_REQUEST)
                .set(SERVICE_REQUEST.CONTACT_ID, draft.contactId())
                .set(SERVICE_REQUEST.SUBJECT, draft.subject().trim())
                .set(SERVICE_REQUEST.DESCRIPTION, draft.description())
                .set(SERVICE_REQUEST.PRIORITY, draft.priority().name())
                .set(SERVICE_REQUEST.STATUS, draft.status().name())
                .set(SERVICE_REQUEST.DUE_ON, draft.dueOn())
                .set(SERVICE_REQUEST.RESOLVED_ON, resolvedOn)
                .set(SERVICE_REQUEST.VERSION, version + 1)
                .set(SERVICE_REQUEST.UPDATED_AT, OffsetDateTime.now(clock))
                .set(SERVICE_REQUEST.UPDATED_BY, actorId)
                .where(SERVICE_REQUEST.ID.eq(id).and(SERVICE_REQUEST.VERSION.eq(version)))
                .execute() == 1;
    }

    public List<TimelineEntry> timeline(VisibleScope scope, long customerId, TimelineCursor after, int limit) {
        return db.select(SERVICE_REQUEST.ID, SERVICE_REQUEST.CREATED_AT, SERVICE_REQUEST.STATUS,
                        SERVICE_REQUEST.SUBJECT, SERVICE_REQUEST.PRIORITY, APP_USER.FULL_NAME)
                .from(SERVICE_REQUEST)
                .join(APP_USER).on(APP_USER.ID.eq(SERVICE_REQUEST.OWNER_ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(SERVICE_REQUEST.CUSTOMER_ID))
                .where(scope.owns(CUSTOMER.OWNER_ID))
                .and(SERVICE_REQUEST.CUSTOMER_ID.eq(customerId).and(TimelineCursor.after(after,
                        TimelineKind.SERVICE_REQUEST, SERVICE_REQUEST.CREATED_AT, SERVICE_REQUEST.ID)))
                .orderBy(SERVICE_REQUEST.CREATED_AT.desc(), SERVICE_REQUEST.ID.desc())
                .limit(limit)
                .fetch(r -> new TimelineEntry(TimelineKind.SERVICE_REQUEST, r.value2(), r.value1(), r.value3(),
                        r.value4(), r.value5(), null, r.value6(), null, null, null));
    }

    private org.jooq.SelectConditionStep<Record> select(Condition condition) {
        return db.select(SERVICE_REQUEST.fields()).select(CUSTOMER.NAME, APP_USER.FULL_NAME)
                .from(SERVICE_REQUEST)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(SERVICE_REQUEST.CUSTOMER_ID))
                .join(APP_USER).on(APP_USER.ID.eq(SERVICE_REQUEST.OWNER_ID))
                .where(condition);
    }

    private static ServiceRequest toRequest(Record r) {
        return new ServiceRequest(r.get(SERVICE_REQUEST.ID), r.get(SERVICE_REQUEST.CUSTOMER_ID), r.get(CUSTOMER.NAME),
                r.get(SERVICE_REQUEST.CONTACT_ID), r.get(SERVICE_REQUEST.SUBJECT), r.get(SERVICE_REQUEST.DESCRIPTION),
                RequestPriority.valueOf(r.get(SERVICE_REQUEST.PRIORITY)),
                RequestStatus.valueOf(r.get(SERVICE_REQUEST.STATUS)), r.get(SERVICE_REQUEST.OPENED_ON),
                r.get(SERVICE_REQUEST.DUE_ON), r.get(SERVICE_REQUEST.RESOLVED_ON), r.get(SERVICE_REQUEST.OWNER_ID),
                r.get(APP_USER.FULL_NAME), r.get(SERVICE_REQUEST.VERSION));
    }
}
