package dev.funnel.pipeline;

import dev.funnel.currency.CurrencyService;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.internal.LineRepository;
import dev.funnel.pipeline.internal.OpportunityRepository;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading opportunities: lists with their filters and totals, one deal, a customer's deals, a deal's stage
 * history and product lines — always within the caller's visibility. Changing them is split by what changes:
 * fields and lines ({@link OpportunityEditService}), the stage ({@link StageProgressService}, through the stage
 * gate) and the outcome ({@link OpportunityCloseService}).
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class OpportunityService {

    static final String ENTITY = "opportunity";

    private final OpportunityRepository opportunities;
    private final LineRepository lines;
    private final Deals deals;
    private final CustomerService customers;
    private final UserService users;
    private final CurrencyService currencies;
    private final Clock clock;

    OpportunityService(OpportunityRepository opportunities, LineRepository lines, Deals deals,
                       CustomerService customers, UserService users, CurrencyService currencies, Clock clock) {
        this.opportunities = opportunities;
        this.lines = lines;
        this.deals = deals;
        this.customers = customers;
        this.users = users;
        this.currencies = currencies;
        this.clock = clock;
    }

    /**
     * A page of the deals the filter lists, with how many it lists. Its statements join the caller's transaction if
     * there is one and open none of their own: under READ COMMITTED each of them reads its own snapshot either way,
     * and a transaction only added a round trip to the database (its COMMIT) to every page (issue 17).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS, readOnly = true)
    public PageResult<Opportunity> list(OpportunityFilter filter, PageRequest page) {
        VisibleScope scope = users.visibleScope();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return opportunities.page(scope, filter, page, now);
    }

    public long count(OpportunityFilter filter) {
        return opportunities.count(users.visibleScope(), filter, OffsetDateTime.now(clock));
    }

    /** How many deals the filter lists and what they are worth in the company currency. */
    public DealTotals totals(OpportunityFilter filter) {
        return opportunities.totals(users.visibleScope(), filter, OffsetDateTime.now(clock),
                currencies.companyCurrency());
    }

    /** Per owner the caller sees: how many of the deals the filter lists are theirs, most first. */
    public List<OwnerCount> countByOwner(OpportunityFilter filter) {
        return opportunities.countByOwner(users.visibleScope(), filter, OffsetDateTime.now(clock));
    }

    /** Whether the deals' grade is set by a scorer (docs/scoring.md), so that reps do not edit it. */
    public boolean gradesFollowScorer() {
        return opportunities.gradesFollowScorer();
    }

    /** Whether the deal exists and the caller may see it. */
    public boolean canSee(long id) {
        return opportunities.findById(users.visibleScope(), id).isPresent();
    }

    public Opportunity get(long id) {
        return deals.visible(id);
    }

    /** The stage changes of the customer's deals after the cursor (from the newest without one). */
    public List<dev.funnel.platform.TimelineEntry> timeline(long customerId, dev.funnel.platform.TimelineCursor after,
                                                          int limit) {
        customers.get(customerId);
        return opportunities.timeline(users.visibleScope(), customerId, after, limit);
    }

    /** Won revenue and open pipeline of the customer's deals the caller may see. */
    public CustomerDeals customerDeals(long customerId) {
        customers.get(customerId);
        return opportunities.customerDeals(users.visibleScope(), customerId);
    }

    /** The customer's deals the caller may see, open ones first; at most {@code limit}. */
    public List<Opportunity> forCustomer(long customerId, int limit) {
        customers.get(customerId);
        return opportunities.findForCustomer(users.visibleScope(), customerId, limit);
    }

    public List<StageHistoryEntry> history(long id) {
        VisibleScope scope = users.visibleScope();
        deals.visible(scope, id);
        return opportunities.history(scope, id);
    }

    /**
     * The stage ledger (entries into stages, closes, reopens) of every deal the caller sees, in id order: what a
     * data warehouse syncs, with {@code window} for the lines written since its last sync.
     */
    public PageResult<StageHistoryEntry> ledger(dev.funnel.platform.SyncWindow window, PageRequest page) {
        VisibleScope scope = users.visibleScope();
        return new PageResult<>(opportunities.ledger(scope, window, page.offset(), page.limit()),
                opportunities.ledgerCount(scope, window), page.page(), page.size());
    }

    /** Every recorded change of the deal's figures (amount, close date, owner, …), oldest first. */
    public List<DealChange> changes(long id) {
        VisibleScope scope = users.visibleScope();
        deals.visible(scope, id);
        return opportunities.changes(scope, id);
    }

    public List<OpportunityLine> lines(long id) {
        VisibleScope scope = users.visibleScope();
        deals.visible(scope, id);
        return lines.forOpportunity(scope, id);
    }
}
