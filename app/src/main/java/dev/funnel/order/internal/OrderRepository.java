package dev.funnel.order.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CUSTOMER;
import static dev.funnel.jooq.Tables.PAYMENT;
import static dev.funnel.jooq.Tables.SALES_ORDER;

import dev.funnel.identity.Unscoped;
import dev.funnel.identity.VisibleScope;
import dev.funnel.platform.TimelineCursor;
import dev.funnel.platform.TimelineEntry;
import dev.funnel.platform.TimelineKind;
import dev.funnel.order.Order;
import dev.funnel.order.OrderDraft;
import dev.funnel.order.Payment;
import dev.funnel.order.PaymentDraft;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Orders and payments. They carry no visibility of their own: the service checks that the caller sees the
 * customer before it reads or writes anything of it.
 */
@Repository
public class OrderRepository {

    private static final Field<BigDecimal> PAID_SUM = DSL.field(DSL.select(DSL.coalesce(DSL.sum(PAYMENT.AMOUNT),
            BigDecimal.ZERO)).from(PAYMENT).where(PAYMENT.ORDER_ID.eq(SALES_ORDER.ID)));
    private static final Field<BigDecimal> PAID = PAID_SUM.as("paid");
    /** An order or payment sits on the timeline at the start of its day (in the database session's zone). */
    private static final Field<OffsetDateTime> ORDERED_AT = DSL.field("cast({0} as timestamp with time zone)",
            OffsetDateTime.class, SALES_ORDER.ORDER_DATE);
    private static final Field<OffsetDateTime> RECEIVED_AT = DSL.field("cast({0} as timestamp with time zone)",
            OffsetDateTime.class, PAYMENT.RECEIVED_ON);

    private final DSLContext db;
    /** Audit times follow the application's clock, like every other time it writes. */
    private final Clock clock;

    OrderRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<Order> findForCustomer(VisibleScope scope, long customerId) {
        return select(SALES_ORDER.CUSTOMER_ID.eq(customerId).and(scope.owns(CUSTOMER.OWNER_ID)))
                .orderBy(SALES_ORDER.ORDER_DATE.desc(), SALES_ORDER.ID.desc())
                .fetch(OrderRepository::toOrder);
    }

    /** Orders of the customers the scope sees, newest first; text matches the number or the customer. */
    /** Newest first; a narrowed sync window lists in id order. */
    public List<Order> find(VisibleScope scope, String text, dev.funnel.platform.SyncWindow window, long offset,
                            int limit) {
        return select(visible(scope, text, window))
                .orderBy(window.narrowed() ? List.of(SALES_ORDER.ID.asc())
                        : List.of(SALES_ORDER.ORDER_DATE.desc(), SALES_ORDER.ID.desc()))
                .limit(limit).offset(offset)
                .fetch(OrderRepository::toOrder);
    }

    public long count(VisibleScope scope, String text, dev.funnel.platform.SyncWindow window) {
        return db.fetchCount(db.select(SALES_ORDER.ID).from(SALES_ORDER)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(SALES_ORDER.CUSTOMER_ID)).where(visible(scope, text, window)));
    }

    private static Condition visible(VisibleScope scope, String text, dev.funnel.platform.SyncWindow window) {
        Condition condition = scope.owns(CUSTOMER.OWNER_ID);
        if (text != null && !text.isBlank()) {
            condition = condition.and(SALES_ORDER.NUMBER.containsIgnoreCase(text.trim())
                    .or(CUSTOMER.NAME.containsIgnoreCase(text.trim())));
        }
        return condition.and(window.holds(SALES_ORDER.UPDATED_AT, SALES_ORDER.ID));
    }

    public Optional<Order> findById(VisibleScope scope, long id) {
        return select(SALES_ORDER.ID.eq(id).and(scope.owns(CUSTOMER.OWNER_ID))).fetchOptional(OrderRepository::toOrder);
    }

    /** Reads the order and locks it until the transaction ends, so that two payments cannot overpay it. */
    public Optional<Order> lock(VisibleScope scope, long id) {
        db.selectOne().from(SALES_ORDER).where(SALES_ORDER.ID.eq(id)).forUpdate().fetch();
        return findById(scope, id);
    }

    @Unscoped("order numbers are unique across the company; the answer reveals only that a number is taken")
    public boolean numberTaken(String number) {
        return db.fetchExists(SALES_ORDER, SALES_ORDER.NUMBER.equalIgnoreCase(number.trim()));
    }

    public long insert(OrderDraft draft, long ownerId, long actorId) {
        return db.insertInto(SALES_ORDER)
                .set(SALES_ORDER.NUMBER, draft.number().trim())
                .set(SALES_ORDER.CUSTOMER_ID, draft.customerId())
                .set(SALES_ORDER.OPPORTUNITY_ID, draft.opportunityId())
                .set(SALES_ORDER.OWNER_ID, ownerId)
                .set(SALES_ORDER.ORDER_DATE, draft.orderDate())
                .set(SALES_ORDER.AMOUNT, draft.amount())
                .set(SALES_ORDER.CURRENCY, draft.currency())
                .set(SALES_ORDER.NOTES, draft.notes() == null || draft.notes().isBlank() ? null : draft.notes().trim())
                .set(SALES_ORDER.CREATED_BY, actorId)
                .set(SALES_ORDER.UPDATED_BY, actorId)
                .returning(SALES_ORDER.ID).fetchOne(SALES_ORDER.ID);
    }

    public void insertPayment(long orderId, PaymentDraft draft, long actorId) {
        db.insertInto(PAYMENT)
                .set(PAYMENT.ORDER_ID, orderId)
                .set(PAYMENT.RECEIVED_ON, draft.receivedOn())
                .set(PAYMENT.AMOUNT, draft.amount())
                .set(PAYMENT.NOTES, draft.notes() == null || draft.notes().isBlank() ? null : draft.notes().trim())
                .set(PAYMENT.CREATED_BY, actorId)
                .set(PAYMENT.UPDATED_BY, actorId)
                .execute();
        db.update(SALES_ORDER).set(SALES_ORDER.VERSION, SALES_ORDER.VERSION.plus(1))
                .set(SALES_ORDER.UPDATED_AT, OffsetDateTime.now(clock)).set(SALES_ORDER.UPDATED_BY, actorId)
                .where(SALES_ORDER.ID.eq(orderId)).execute();
    }

    public List<Payment> paymentsOf(VisibleScope scope, long orderId) {
        return db.select(PAYMENT.ID, PAYMENT.ORDER_ID, PAYMENT.RECEIVED_ON, PAYMENT.AMOUNT, PAYMENT.NOTES)
                .from(PAYMENT)
                .join(SALES_ORDER).on(SALES_ORDER.ID.eq(PAYMENT.ORDER_ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(SALES_ORDER.CUSTOMER_ID))
                .where(PAYMENT.ORDER_ID.eq(orderId)).and(scope.owns(CUSTOMER.OWNER_ID))
                .orderBy(PAYMENT.RECEIVED_ON.desc(), PAYMENT.ID.desc())
                .fetch(r -> new Payment(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** What the customer still owes, per currency: order amounts less payments. */
    public Map<String, BigDecimal> outstanding(VisibleScope scope, long customerId) {
        Map<String, BigDecimal> result = new TreeMap<>();
        db.select(SALES_ORDER.CURRENCY, DSL.sum(SALES_ORDER.AMOUNT.minus(PAID_SUM)))
                .from(SALES_ORDER)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(SALES_ORDER.CUSTOMER_ID))
                .where(SALES_ORDER.CUSTOMER_ID.eq(customerId)).and(scope.owns(CUSTOMER.OWNER_ID))
                .groupBy(SALES_ORDER.CURRENCY)
                .forEach(r -> result.put(r.value1(), r.value2()));
        return result;
    }

    public List<TimelineEntry> orderTimeline(VisibleScope scope, long customerId, TimelineCursor after, int limit) {
        return db.select(SALES_ORDER.ID, ORDERED_AT, SALES_ORDER.NUMBER, SALES_ORDER.AMOUNT, SALES_ORDER.CURRENCY,
                        SALES_ORDER.OPPORTUNITY_ID, APP_USER.FULL_NAME)
                .from(SALES_ORDER)
                .join(APP_USER).on(APP_USER.ID.eq(SALES_ORDER.OWNER_ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(SALES_ORDER.CUSTOMER_ID))
                .where(SALES_ORDER.CUSTOMER_ID.eq(customerId)).and(scope.owns(CUSTOMER.OWNER_ID))
                .and(TimelineCursor.after(after, TimelineKind.ORDER, ORDERED_AT, SALES_ORDER.ID))
                .orderBy(ORDERED_AT.desc(), SALES_ORDER.ID.desc())
                .limit(limit)
                .fetch(r -> new TimelineEntry(TimelineKind.ORDER, r.value2(), r.value1(), null, r.value3(), null,
                        null, r.value7(), r.value4(), r.value5(), r.value6()));
    }

    public List<TimelineEntry> paymentTimeline(VisibleScope scope, long customerId, TimelineCursor after,
                                               int limit) {
        return db.select(PAYMENT.ID, RECEIVED_AT, SALES_ORDER.NUMBER, PAYMENT.AMOUNT, SALES_ORDER.CURRENCY,
                        SALES_ORDER.OPPORTUNITY_ID, PAYMENT.NOTES)
                .from(PAYMENT)
                .join(SALES_ORDER).on(SALES_ORDER.ID.eq(PAYMENT.ORDER_ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(SALES_ORDER.CUSTOMER_ID))
                .where(SALES_ORDER.CUSTOMER_ID.eq(customerId)).and(scope.owns(CUSTOMER.OWNER_ID))
                .and(TimelineCursor.after(after, TimelineKind.PAYMENT, RECEIVED_AT, PAYMENT.ID))
                .orderBy(RECEIVED_AT.desc(), PAYMENT.ID.desc())
                .limit(limit)
                .fetch(r -> new TimelineEntry(TimelineKind.PAYMENT, r.value2(), r.value1(), null, r.value3(),
                        r.value7(), null, null, r.value4(), r.value5(), r.value6()));
    }

    private org.jooq.SelectConditionStep<Record> select(Condition condition) {
        return db.select(SALES_ORDER.fields()).select(CUSTOMER.NAME, APP_USER.FULL_NAME, PAID)
                .from(SALES_ORDER)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(SALES_ORDER.CUSTOMER_ID))
                .join(APP_USER).on(APP_USER.ID.eq(SALES_ORDER.OWNER_ID))
                .where(condition);
    }

    private static Order toOrder(Record r) {
        return new Order(r.get(SALES_ORDER.ID), r.get(SALES_ORDER.NUMBER), r.get(SALES_ORDER.CUSTOMER_ID),
                r.get(CUSTOMER.NAME), r.get(SALES_ORDER.OPPORTUNITY_ID), r.get(SALES_ORDER.OWNER_ID),
                r.get(APP_USER.FULL_NAME), r.get(SALES_ORDER.ORDER_DATE), r.get(SALES_ORDER.AMOUNT),
                r.get(SALES_ORDER.CURRENCY), r.get(PAID), r.get(SALES_ORDER.NOTES), r.get(SALES_ORDER.VERSION));
    }
}
