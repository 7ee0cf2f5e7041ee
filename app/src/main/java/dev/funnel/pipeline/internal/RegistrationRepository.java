package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CUSTOMER;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.OPPORTUNITY_LINE;
import static dev.funnel.jooq.Tables.PRODUCT;
import static dev.funnel.jooq.Tables.REGISTRATION_REQUEST;

import dev.funnel.identity.Unscoped;
import dev.funnel.jooq.tables.AppUser;
import dev.funnel.pipeline.RegistrationDraft;
import dev.funnel.pipeline.RegistrationRequest;
import dev.funnel.pipeline.RegistrationStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Registration requests, and the question they answer: who else already sells this product to this customer. */
@Repository
public class RegistrationRepository {

    private static final AppUser REQUESTER = APP_USER.as("requester");
    private static final AppUser HOLDER = APP_USER.as("holder");
    private static final AppUser DECIDER = APP_USER.as("decider");

    private final DSLContext db;

    RegistrationRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * The owner of another rep's open deal on this customer with this product, unless the rep's own registration
     * for it was approved.
     */
    @Unscoped("which rep already sells this product to this customer: naming them is what registration is for")
    public Optional<Holder> productHolder(long customerId, long productId, long repId) {
        boolean approved = db.fetchExists(REGISTRATION_REQUEST, REGISTRATION_REQUEST.CUSTOMER_ID.eq(customerId)
                .and(REGISTRATION_REQUEST.PRODUCT_ID.eq(productId)).and(REGISTRATION_REQUEST.REQUESTER_ID.eq(repId))
                .and(REGISTRATION_REQUEST.STATUS.eq(RegistrationStatus.APPROVED.name())));
        if (approved) {
            return Optional.empty();
        }
        return db.select(OPPORTUNITY.OWNER_ID, APP_USER.FULL_NAME).from(OPPORTUNITY)
                .join(OPPORTUNITY_LINE).on(OPPORTUNITY_LINE.OPPORTUNITY_ID.eq(OPPORTUNITY.ID))
                .join(APP_USER).on(APP_USER.ID.eq(OPPORTUNITY.OWNER_ID))
                .where(OPPORTUNITY.CUSTOMER_ID.eq(customerId).and(OPPORTUNITY.STATUS.eq("OPEN"))
                        .and(OPPORTUNITY.OWNER_ID.ne(repId)).and(OPPORTUNITY_LINE.PRODUCT_ID.eq(productId)))
                .orderBy(OPPORTUNITY.CREATED_AT).limit(1)
                .fetchOptional(r -> new Holder(r.value1(), r.value2()));
    }

    /** The rep who already sells the product to the customer. */
    public record Holder(long id, String name) {
    }

    @Unscoped("the caller's own pending requests for this customer")
    public boolean pendingExists(long customerId, Long productId, long requesterId) {
        Condition sameProduct = productId == null ? REGISTRATION_REQUEST.PRODUCT_ID.isNull()
                : REGISTRATION_REQUEST.PRODUCT_ID.eq(productId);
        return db.fetchExists(REGISTRATION_REQUEST, REGISTRATION_REQUEST.CUSTOMER_ID.eq(customerId).and(sameProduct)
                .and(REGISTRATION_REQUEST.REQUESTER_ID.eq(requesterId))
                .and(REGISTRATION_REQUEST.STATUS.eq(RegistrationStatus.PENDING.name())));
    }

    public long insert(RegistrationDraft draft, long requesterId, long holderId, Long approverId) {
        return db.insertInto(REGISTRATION_REQUEST)
                .set(REGISTRATION_REQUEST.CUSTOMER_ID, draft.customerId())
                .set(REGISTRATION_REQUEST.PRODUCT_ID, draft.productId())
                .set(REGISTRATION_REQUEST.REQUESTER_ID, requesterId)
                .set(REGISTRATION_REQUEST.HOLDER_ID, holderId)
                .set(REGISTRATION_REQUEST.APPROVER_ID, approverId)
                .set(REGISTRATION_REQUEST.OPPORTUNITY_NAME, draft.opportunityName().trim())
                .set(REGISTRATION_REQUEST.REASON, draft.reason().trim())
                .set(REGISTRATION_REQUEST.CREATED_BY, requesterId)
                .set(REGISTRATION_REQUEST.UPDATED_BY, requesterId)
                .returning(REGISTRATION_REQUEST.ID).fetchOne(REGISTRATION_REQUEST.ID);
    }

    /** Records the decision if the request is still pending at the version read; answers whether it was. */
    public boolean decide(long id, int version, RegistrationStatus status, String comment, long deciderId,
                          OffsetDateTime at, Long opportunityId) {
        return db.update(REGISTRATION_REQUEST)
                .set(REGISTRATION_REQUEST.STATUS, status.name())
                .set(REGISTRATION_REQUEST.DECISION_COMMENT, comment)
                .set(REGISTRATION_REQUEST.DECIDED_BY, deciderId)
                .set(REGISTRATION_REQUEST.DECIDED_AT, at)
                .set(REGISTRATION_REQUEST.OPPORTUNITY_ID, opportunityId)
                .set(REGISTRATION_REQUEST.VERSION, version + 1)
                .set(REGISTRATION_REQUEST.UPDATED_AT, at)
                .set(REGISTRATION_REQUEST.UPDATED_BY, deciderId)
                .where(REGISTRATION_REQUEST.ID.eq(id).and(REGISTRATION_REQUEST.VERSION.eq(version))
                        .and(REGISTRATION_REQUEST.STATUS.eq(RegistrationStatus.PENDING.name())))
                .execute() == 1;
    }

    @Unscoped("a request is seen by its requester, its approver and administrators; the service checks which")
    public Optional<RegistrationRequest> findById(long id) {
        return select(REGISTRATION_REQUEST.ID.eq(id)).fetchOptional(RegistrationRepository::toRequest);
    }

    /** Requests a user files, or decides (as the approver; an administrator also those without one). */
    @Unscoped("a request is seen by its requester, its approver and administrators: the condition names them "
            + "(filedBy, pendingFor)")
    public List<RegistrationRequest> find(Condition condition) {
        return select(condition).orderBy(REGISTRATION_REQUEST.CREATED_AT.desc(), REGISTRATION_REQUEST.ID.desc())
                .limit(500).fetch(RegistrationRepository::toRequest);
    }

    /** One page of the requests the condition names, newest first, or in id order for an integration's sync. */
    @Unscoped("a request is seen by its requester, its approver and administrators: the condition names them "
            + "(filedBy, pendingFor, involving)")
    public List<RegistrationRequest> find(Condition condition, dev.funnel.platform.SyncWindow window, long offset,
                                          int limit) {
        return select(condition.and(window.holds(REGISTRATION_REQUEST.UPDATED_AT, REGISTRATION_REQUEST.ID)))
                .orderBy(window.narrowed() ? List.of(REGISTRATION_REQUEST.ID.asc())
                        : List.of(REGISTRATION_REQUEST.CREATED_AT.desc(), REGISTRATION_REQUEST.ID.desc()))
                .limit(limit).offset(offset).fetch(RegistrationRepository::toRequest);
    }

    @Unscoped("counts what find(condition, window, …) lists")
    public long count(Condition condition, dev.funnel.platform.SyncWindow window) {
        return db.fetchCount(REGISTRATION_REQUEST,
                condition.and(window.holds(REGISTRATION_REQUEST.UPDATED_AT, REGISTRATION_REQUEST.ID)));
    }

    /** Requests a user filed, holds the deal of, or decides; every one for an administrator. */
    public static Condition involving(long userId, boolean admin) {
        return admin ? DSL.trueCondition() : REGISTRATION_REQUEST.REQUESTER_ID.eq(userId)
                .or(REGISTRATION_REQUEST.HOLDER_ID.eq(userId)).or(REGISTRATION_REQUEST.APPROVER_ID.eq(userId));
    }

    public static Condition filedBy(long userId) {
        return REGISTRATION_REQUEST.REQUESTER_ID.eq(userId);
    }

    public static Condition pendingFor(long userId, boolean admin) {
        // an administrator may decide any request, including those whose holder has no manager
        return REGISTRATION_REQUEST.STATUS.eq(RegistrationStatus.PENDING.name())
                .and(admin ? DSL.trueCondition() : REGISTRATION_REQUEST.APPROVER_ID.eq(userId));
    }

    private org.jooq.SelectConditionStep<Record> select(Condition condition) {
        return db.select(REGISTRATION_REQUEST.fields())
                .select(CUSTOMER.NAME, PRODUCT.NAME, REQUESTER.FULL_NAME, HOLDER.FULL_NAME, DECIDER.FULL_NAME)
                .from(REGISTRATION_REQUEST)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(REGISTRATION_REQUEST.CUSTOMER_ID))
                .leftJoin(PRODUCT).on(PRODUCT.ID.eq(REGISTRATION_REQUEST.PRODUCT_ID))
                .join(REQUESTER).on(REQUESTER.ID.eq(REGISTRATION_REQUEST.REQUESTER_ID))
                .leftJoin(HOLDER).on(HOLDER.ID.eq(REGISTRATION_REQUEST.HOLDER_ID))
                .leftJoin(DECIDER).on(DECIDER.ID.eq(REGISTRATION_REQUEST.DECIDED_BY))
                .where(condition);
    }

    private static RegistrationRequest toRequest(Record r) {
        return new RegistrationRequest(r.get(REGISTRATION_REQUEST.ID), r.get(REGISTRATION_REQUEST.CUSTOMER_ID),
                r.get(CUSTOMER.NAME), r.get(REGISTRATION_REQUEST.PRODUCT_ID), r.get(PRODUCT.NAME),
                r.get(REGISTRATION_REQUEST.REQUESTER_ID), r.get(REQUESTER.FULL_NAME),
                r.get(REGISTRATION_REQUEST.HOLDER_ID), r.get(HOLDER.FULL_NAME), r.get(REGISTRATION_REQUEST.APPROVER_ID),
                r.get(REGISTRATION_REQUEST.OPPORTUNITY_NAME), r.get(REGISTRATION_REQUEST.REASON),
                RegistrationStatus.valueOf(r.get(REGISTRATION_REQUEST.STATUS)),
                r.get(REGISTRATION_REQUEST.DECISION_COMMENT), r.get(DECIDER.FULL_NAME),
                r.get(REGISTRATION_REQUEST.DECIDED_AT), r.get(REGISTRATION_REQUEST.OPPORTUNITY_ID),
                r.get(REGISTRATION_REQUEST.CREATED_AT), r.get(REGISTRATION_REQUEST.VERSION));
    }
}
