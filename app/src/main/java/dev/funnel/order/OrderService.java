package dev.funnel.order;

import dev.funnel.currency.CurrencyService;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.platform.TimelineCursor;
import dev.funnel.platform.TimelineEntry;
import dev.funnel.order.internal.OrderRepository;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders and payments. Whoever sees a customer sees its orders; an order that names a deal must be of the same
 * customer; a payment never takes an order below zero outstanding.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class OrderService {

    static final String ENTITY = "order";

    private final OrderRepository orders;
    private final CustomerService customers;
    private final OpportunityService opportunities;
    private final UserService users;
    private final Clock clock;
    private final CurrencyService currencies;

    OrderService(OrderRepository orders, CustomerService customers, OpportunityService opportunities,
                 UserService users, Clock clock, CurrencyService currencies) {
        this.currencies = currencies;
        this.orders = orders;
        this.customers = customers;
        this.opportunities = opportunities;
        this.users = users;
        this.clock = clock;
    }

    /** Orders of the customers the caller sees, newest first; text matches the number or the customer's name. */
    public PageResult<Order> list(String text, PageRequest page) {
        return list(text, dev.funnel.platform.SyncWindow.ALL, page);
    }

    /** As {@link #list(String, PageRequest)}, narrowed for an integration's sync (then in id order). */
    public PageResult<Order> list(String text, dev.funnel.platform.SyncWindow window, PageRequest page) {
        var scope = users.visibleScope();
        return new PageResult<>(orders.find(scope, text, window, page.offset(), page.limit()),
                orders.count(scope, text, window), page.page(), page.size());
    }

    public List<Order> forCustomer(long customerId) {
        customers.get(customerId);
        return orders.findForCustomer(users.visibleScope(), customerId);
    }

    public Order get(long id) {
        return orders.findById(users.visibleScope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
    }

    public List<Payment> payments(long orderId) {
        get(orderId);
        return orders.paymentsOf(users.visibleScope(), orderId);
    }

    /** What the customer still owes, per currency. */
    public Map<String, BigDecimal> outstanding(long customerId) {
        customers.get(customerId);
        return orders.outstanding(users.visibleScope(), customerId);
    }

    /** Orders and payments of the customer after the cursor, newest first, each list at most {@code limit}. */
    public List<TimelineEntry> timeline(long customerId, TimelineCursor after, int limit) {
        customers.get(customerId);
        var scope = users.visibleScope();
        List<TimelineEntry> entries = new ArrayList<>(orders.orderTimeline(scope, customerId, after, limit));
        entries.addAll(orders.paymentTimeline(scope, customerId, after, limit));
        return entries;
    }

    @Transactional
    public Order create(OrderDraft requested) {
        String currency = requested.currency() == null || requested.currency().isBlank()
                ? currencies.companyCurrency() : requested.currency();
        OrderDraft draft = new OrderDraft(requested.number(), requested.customerId(), requested.opportunityId(),
                requested.orderDate(), requested.amount(), currency, requested.notes());
        Checks.start()
                .required("number", draft.number())
                .maxLength("number", draft.number(), 40)
                .rule(draft.number() == null || draft.number().isBlank() || !orders.numberTaken(draft.number()),
                        "number", "validation.order.number-taken")
                .required("customerId", draft.customerId())
                .required("orderDate", draft.orderDate())
                .required("amount", draft.amount())
                .money("amount", draft.amount())
                .rule(draft.amount() == null || draft.amount().signum() > 0, "amount", "validation.amount.positive")
                .currency("currency", draft.currency())
                .maxLength("notes", draft.notes(), 10_000)
                .orThrow();
        customers.get(draft.customerId());
        if (draft.opportunityId() != null) {
            Opportunity deal = opportunities.get(draft.opportunityId());
            Checks.start().rule(Objects.equals(deal.customerId(), draft.customerId()), "opportunityId",
                    "validation.opportunity.other-customer").orThrow();
        }
        long me = users.current().id();
        return get(orders.insert(draft, me, me));
    }

    /** Records a payment; the order is locked meanwhile, so two payments at once cannot overpay it. */
    @Transactional
    public Order addPayment(long orderId, int version, PaymentDraft draft) {
        Order order = orders.lock(users.visibleScope(), orderId)
                .orElseThrow(() -> new NotFoundException(ENTITY, orderId));
        if (order.version() != version) {
            throw new StaleVersionException(ENTITY, orderId);
        }
        Checks.start()
                .required("receivedOn", draft.receivedOn())
                .rule(draft.receivedOn() == null || !draft.receivedOn().isAfter(LocalDate.now(clock)), "receivedOn",
                        "validation.date.future")
                .required("amount", draft.amount())
                .money("amount", draft.amount())
                .rule(draft.amount() == null || draft.amount().signum() > 0, "amount", "validation.amount.positive")
                .rule(draft.amount() == null || draft.amount().compareTo(order.outstanding()) <= 0, "amount",
                        "validation.payment.exceeds", order.outstanding().toPlainString(), order.currency())
                .maxLength("notes", draft.notes(), 300)
                .orThrow();
        orders.insertPayment(orderId, draft, users.current().id());
        return get(orderId);
    }
}
