package dev.funnel.customer360;

import dev.funnel.followup.FollowUpService;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.Role;
import dev.funnel.pipeline.CustomerDeals;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.TimelineCursor;
import dev.funnel.platform.TimelineEntry;
import dev.funnel.platform.TimelineKind;
import dev.funnel.order.OrderService;
import dev.funnel.support.ServiceRequestService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers a customer's 360 from the modules that keep its parts. The timeline is merged here: each source gives
 * its own newest entries after the cursor, a page's worth at most, and the page is the newest of all of them —
 * so a page costs one indexed query per source, however long the history.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class Customer360Service {

    public static final int MAX_PAGE = dev.funnel.platform.PageRequest.MAX_SIZE;
    /** The timeline's order: newest first, then by kind, then newest id first. */
    private static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(TimelineEntry::at)
            .reversed().thenComparing(TimelineEntry::kind).thenComparing(TimelineEntry::id, Comparator.reverseOrder());

    private final CustomerService customers;
    private final OpportunityService opportunities;
    private final FollowUpService activities;
    private final OrderService orders;
    private final ServiceRequestService requests;
    private final Clock clock;

    Customer360Service(CustomerService customers, OpportunityService opportunities, FollowUpService activities,
                       OrderService orders, ServiceRequestService requests, Clock clock) {
        this.customers = customers;
        this.opportunities = opportunities;
        this.activities = activities;
        this.orders = orders;
        this.requests = requests;
        this.clock = clock;
    }

    public CustomerFigures figures(long customerId) {
        customers.get(customerId);
        CustomerDeals deals = opportunities.customerDeals(customerId);
        Long days = activities.lastFollowUp(customerId)
                .map(last -> Duration.between(last, OffsetDateTime.now(clock)).toDays()).orElse(null);
        return new CustomerFigures(deals.won(), deals.open(), deals.openCount(), orders.outstanding(customerId),
                days, requests.openCount(customerId));
    }

    /**
     * A page of the customer's timeline.
     *
     * @param kinds the kinds to show; empty means all
     * @param after the previous page's {@code next}, or null for the newest entries
     */
    public TimelinePage timeline(long customerId, Set<TimelineKind> kinds, TimelineCursor after, int limit) {
        Checks.start().rule(limit >= 1 && limit <= MAX_PAGE, "limit", "validation.page.size", MAX_PAGE).orThrow();
        customers.get(customerId);
        Set<TimelineKind> wanted = kinds.isEmpty() ? EnumSet.allOf(TimelineKind.class) : EnumSet.copyOf(kinds);
        // one more than a page from each source: if the merged list is longer than a page, there is a next one
        int fetch = limit + 1;
        List<TimelineEntry> all = new ArrayList<>();
        if (wanted.contains(TimelineKind.FOLLOW_UP)) {
            all.addAll(activities.timeline(customerId, after, fetch));
        }
        if (wanted.contains(TimelineKind.STAGE_CHANGE)) {
            all.addAll(opportunities.timeline(customerId, after, fetch));
        }
        if (wanted.contains(TimelineKind.ORDER) || wanted.contains(TimelineKind.PAYMENT)) {
            orders.timeline(customerId, after, fetch).stream().filter(e -> wanted.contains(e.kind()))
                    .forEach(all::add);
        }
        if (wanted.contains(TimelineKind.SERVICE_REQUEST)) {
            all.addAll(requests.timeline(customerId, after, fetch));
        }
        all.sort(NEWEST_FIRST);
        List<TimelineEntry> page = all.subList(0, Math.min(limit, all.size()));
        TimelineCursor next = all.size() > limit ? page.get(page.size() - 1).cursor() : null;
        return new TimelinePage(page, next);
    }
}
