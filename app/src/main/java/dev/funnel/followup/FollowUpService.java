package dev.funnel.followup;

import dev.funnel.followup.internal.FollowUpRepository;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.TimelineCursor;
import dev.funnel.platform.TimelineEntry;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Follow-up records, seen by their owner and the owner's managers. */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class FollowUpService {

    private static final int MOST_RECENT = 200;

    private final FollowUpRepository activities;
    private final CustomerService customers;
    private final DealLookup deals;
    private final UserService users;
    private final Clock clock;

    private final org.springframework.context.ApplicationEventPublisher events;

    FollowUpService(FollowUpRepository activities, CustomerService customers, DealLookup deals,
                    UserService users, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.activities = activities;
        this.customers = customers;
        this.deals = deals;
        this.users = users;
        this.clock = clock;
    }

    public List<FollowUp> forCustomer(long customerId) {
        customers.get(customerId);
        return activities.findForCustomer(users.visibleScope(), customerId, MOST_RECENT);
    }

    /** The follow-ups the caller sees (their own; a manager's team's), newest first; text matches the content. */
    public dev.funnel.platform.PageResult<FollowUp> list(String text, dev.funnel.platform.PageRequest page) {
        return list(text, dev.funnel.platform.SyncWindow.ALL, page);
    }

    /** As {@link #list(String, dev.funnel.platform.PageRequest)}, narrowed for a sync (then in id order). */
    public dev.funnel.platform.PageResult<FollowUp> list(String text, dev.funnel.platform.SyncWindow window,
                                                         dev.funnel.platform.PageRequest page) {
        var scope = users.visibleScope();
        return new dev.funnel.platform.PageResult<>(
                activities.findVisible(scope, text, window, page.offset(), page.limit()),
                activities.countVisible(scope, text, window), page.page(), page.size());
    }

    /**
     * The signed-in user's planned follow-ups from a day on: of each customer, the next date their newest
     * follow-up of it set. Soonest first, at most {@code limit}.
     */
    public List<FollowUp> myPlanned(java.time.LocalDate from, int limit) {
        return activities.plannedBy(users.visibleScope(), users.current().id(), from, limit);
    }

    public FollowUp get(long id) {
        return activities.findById(users.visibleScope(), id).orElseThrow(() -> new NotFoundException("activity", id));
    }

    public List<FollowUp> forOpportunity(long opportunityId) {
        deals.customerOfVisibleDeal(opportunityId);
        return activities.findForOpportunity(users.visibleScope(), opportunityId, MOST_RECENT);
    }

    /** The customer's follow-ups after the cursor (from the newest without one), as timeline entries. */
    public List<TimelineEntry> timeline(long customerId, TimelineCursor after, int limit) {
        customers.get(customerId);
        return activities.timeline(users.visibleScope(), customerId, after, limit);
    }

    /** When the customer was last followed up by anyone, for 'days since last contact'. */
    public java.util.Optional<OffsetDateTime> lastFollowUp(long customerId) {
        customers.get(customerId);
        return activities.lastFollowUp(customerId);
    }

    @Transactional
    public FollowUp log(FollowUpDraft draft) {
        CurrentUser me = users.current();
        check(draft, new Lookups());
        OffsetDateTime occurredAt = draft.occurredAt() == null ? OffsetDateTime.now(clock) : draft.occurredAt();
        long id = activities.insert(draft, occurredAt, me.id(), me.id());
        if (draft.opportunityId() != null) {
            events.publishEvent(new FollowUpsLogged(Set.of(draft.opportunityId())));
        }
        return get(id);
    }

    /**
     * Logs many follow-ups of the signed-in user at once, with the time each happened: the call history a
     * migration brings along, or what a rep noted while offline. Each is checked as {@link #log} checks it, and
     * all are written or, when one is refused, none; each customer, deal and contact list is looked up once.
     *
     * @return how many were logged
     */
    @Transactional
    public int logAll(List<FollowUpDraft> drafts) {
        CurrentUser me = users.current();
        Lookups lookups = new Lookups();
        drafts.forEach(draft -> check(draft, lookups));
        OffsetDateTime now = OffsetDateTime.now(clock);
        activities.insertAll(drafts, now, me.id());
        Set<Long> dealIds = drafts.stream().map(FollowUpDraft::opportunityId).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
        if (!dealIds.isEmpty()) {
            events.publishEvent(new FollowUpsLogged(dealIds));
        }
        return drafts.size();
    }

    /** What a check has looked up already: the customer of each deal, the customers seen, their contacts. */
    private static final class Lookups {
        final Map<Long, Long> customerOfDeal = new HashMap<>();
        final Set<Long> visibleCustomers = new HashSet<>();
        final Map<List<Long>, Boolean> contactOfCustomer = new HashMap<>();
    }

    private void check(FollowUpDraft draft, Lookups lookups) {
        Checks.start()
                .required("type", draft.type())
                .required("content", draft.content())
                .maxLength("content", draft.content(), 10_000)
                .required("customerId", draft.customerId())
                .rule(draft.nextFollowUpOn() == null || !draft.nextFollowUpOn().isBefore(LocalDate.now(clock)),
                        "nextFollowUpOn", "validation.date.past")
                .orThrow();
        if (draft.opportunityId() != null) {
            // the opportunity's owner may log on it even when its customer belongs to someone else
            Long customerOfDeal = lookups.customerOfDeal.computeIfAbsent(draft.opportunityId(),
                    deals::customerOfVisibleDeal);
            Checks.start().rule(Objects.equals(customerOfDeal, draft.customerId()), "opportunityId",
                    "validation.opportunity.other-customer").orThrow();
        } else if (lookups.visibleCustomers.add(draft.customerId())) {
            customers.get(draft.customerId());
        }
        Checks.start().rule(draft.contactId() == null || lookups.contactOfCustomer.computeIfAbsent(
                        List.of(draft.customerId(), draft.contactId()),
                        pair -> customers.hasContact(pair.get(0), pair.get(1))), "contactId",
                "validation.contact.other-customer").orThrow();
    }
}
