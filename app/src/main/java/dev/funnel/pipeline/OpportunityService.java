package dev.funnel.pipeline;

import dev.funnel.currency.CurrencyService;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.StageHistoryEntry.Event;
import dev.funnel.pipeline.internal.ChoiceRepository;
import dev.funnel.catalog.ProductService;
import dev.funnel.pipeline.internal.ConfirmationRepository;
import dev.funnel.pipeline.internal.LineRepository;
import dev.funnel.pipeline.internal.OpportunityRepository;
import dev.funnel.pipeline.internal.PipelineRepository;
import dev.funnel.pipeline.internal.TaskRepository;
import dev.funnel.platform.Checks;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.StaleVersionException;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opportunities and their lifecycle. Fields are edited with {@link #update}; the stage changes only through
 * {@link #moveToStage}, which runs the stage gate, and the outcome only through {@link #win}, {@link #lose} and
 * {@link #reopen}. Every stage change, close and reopen appends to the stage history in the same transaction,
 * so the ledger always agrees with the opportunity.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class OpportunityService {

    static final String ENTITY = "opportunity";
    private static final Set<String> GRADES = Set.of("A", "B", "C");

    private final OpportunityRepository opportunities;
    private final PipelineRepository pipelines;
    private final TaskRepository tasks;
    private final ConfirmationRepository confirmations;
    private final ChoiceRepository choices;
    private final LineRepository lines;
    private final dev.funnel.pipeline.internal.RegistrationRepository registrations;
    private final ProductService products;
    private final TaskPlanner planner;
    private final CustomerService customers;
    private final UserService users;
    private final Clock clock;
    private final CurrencyService currencies;
    private final ApplicationEventPublisher events;

    OpportunityService(OpportunityRepository opportunities, PipelineRepository pipelines, TaskRepository tasks,
                       ConfirmationRepository confirmations, ChoiceRepository choices, LineRepository lines,
                       ProductService products, TaskPlanner planner, CustomerService customers, UserService users,
                       Clock clock,
                       dev.funnel.pipeline.internal.RegistrationRepository registrations, ApplicationEventPublisher events,
                       CurrencyService currencies) {
        this.registrations = registrations;
        this.currencies = currencies;
        this.events = events;
        this.opportunities = opportunities;
        this.pipelines = pipelines;
        this.tasks = tasks;
        this.confirmations = confirmations;
        this.choices = choices;
        this.lines = lines;
        this.products = products;
        this.planner = planner;
        this.customers = customers;
        this.users = users;
        this.clock = clock;
    }

    public PageResult<Opportunity> list(OpportunityFilter filter, PageRequest page) {
        VisibleScope scope = users.visibleScope();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return new PageResult<>(opportunities.find(scope, filter, page, now), opportunities.count(scope, filter, now),
                page.page(), page.size());
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

    public Opportunity get(long id) {
        return opportunities.findById(users.visibleScope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
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
        visible(scope, id);
        return opportunities.history(scope, id);
    }

    /** Creates an open deal in the first stage of its pipeline and gives it the tasks of that stage. */
    @Transactional
    public Opportunity create(OpportunityDraft draft) {
        CurrentUser me = users.current();
        Pipeline pipeline = draft.pipelineId() == null
                ? pipelines.findAll().stream().findFirst().orElseThrow(
                        () -> InvalidInputException.of("pipelineId", "validation.pipeline.none"))
                : pipelines.findById(draft.pipelineId()).orElseThrow(
                        () -> InvalidInputException.of("pipelineId", "validation.unknown"));
        Stage first = pipeline.stages().get(0);
        long ownerId = draft.ownerId() == null ? me.id() : draft.ownerId();
        validate(draft, null, ownerId);
        Checks.start()
                .rule(draft.status() == null || draft.status() == OpportunityStatus.OPEN, "status",
                        "validation.status.create-open")
                .rule(draft.stageId() == null || draft.stageId() == first.id(), "stageId", "validation.stage.start-first")
                .orThrow();
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = opportunities.insert(draft, ownerId, pipeline.id(), first.id(), now, me.id(),
                currencies.companyCurrency());
        opportunities.appendHistory(id, Event.CREATED, null, first.id(), me.id(), now, null);
        Opportunity created = opportunities.findById(VisibleScope.everything(me.id()), id).orElseThrow();
        planner.enteredStage(created, first, now, me.id());
        events.publishEvent(new OpportunityEvents.OpportunityCreated(UUID.randomUUID(), clock.instant(), id, me.id(),
                OpportunityFacts.of(created)));
        return created;
    }

    /**
     * Creates the deal an approved registration request asked for: owned by the requester, on a customer they may
     * not see, which is why this skips the owner and customer checks a rep's own create makes. With a product, the
     * deal gets it as its line at list price, in the product's currency.
     */
    @Transactional
    Opportunity createRegistered(String name, long customerId, long ownerId, Long productId) {
        CurrentUser me = users.current();
        Pipeline pipeline = pipelines.findAll().stream().filter(Pipeline::isDefault).findFirst()
                .or(() -> pipelines.findAll().stream().findFirst())
                .orElseThrow(() -> InvalidInputException.of("pipelineId", "validation.pipeline.none"));
        Stage first = pipeline.stages().get(0);
        var product = productId == null ? java.util.Optional.<dev.funnel.catalog.Product>empty()
                : products.find(productId);
        String currency = product.map(dev.funnel.catalog.Product::currency).orElseGet(currencies::companyCurrency);
        OpportunityDraft draft = new OpportunityDraft(name, customerId, null, ownerId, pipeline.id(), first.id(),
                null, currency, null, null, OpportunityStatus.OPEN, null);
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = opportunities.insert(draft, ownerId, pipeline.id(), first.id(), now, me.id(),
                currencies.companyCurrency());
        opportunities.appendHistory(id, Event.CREATED, null, first.id(), me.id(), now, null);
        if (product.isPresent() && product.get().unitPrice() != null) {
            LineRepository.Line line = new LineRepository.Line(product.get().id(), BigDecimal.ONE,
                    product.get().unitPrice(), BigDecimal.ZERO);
            lines.replace(id, List.of(line), me.id());
            opportunities.setAmount(id, 0, line.total(), now, me.id());
        }
        Opportunity created = opportunities.findById(VisibleScope.everything(me.id()), id).orElseThrow();
        planner.enteredStage(created, first, now, me.id());
        events.publishEvent(new OpportunityEvents.OpportunityCreated(UUID.randomUUID(), clock.instant(), id, me.id(),
                OpportunityFacts.of(created)));
        return created;
    }

    /**
     * Replaces the opportunity's editable fields. A null owner or currency keeps the current one. The stage and
     * the outcome are not edited here: a different stage or status is refused with a pointer to the right call.
     */
    @Transactional
    public Opportunity update(long id, int version, OpportunityDraft requested) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        Opportunity current = visible(scope, id);
        OpportunityDraft draft = keepingUnnamed(requested, current);
        BigDecimal linesTotal = lines.total(scope, id);
        Checks.start().rule(linesTotal == null || draft.currency().equals(current.currency()), "currency",
                "validation.currency.has-lines").orThrow();
        if (linesTotal != null) {
            // the amount follows the product lines when there are any
            draft = draft.withAmount(linesTotal);
        }
        long ownerId = draft.ownerId() == null ? current.ownerId() : draft.ownerId();
        Checks.start()
                .rule(draft.pipelineId() == null || draft.pipelineId() == current.pipelineId(), "pipelineId",
                        "validation.pipeline.fixed")
                .rule(draft.stageId() == null || draft.stageId() == current.stageId(), "stageId",
                        "validation.stage.use-move")
                .rule(draft.status() == null || draft.status() == current.status(), "status",
                        "validation.status.use-close")
                .orThrow();
        validate(draft, current, ownerId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!opportunities.update(id, version, draft, ownerId, now, me.id())) {
            throw stale(id);
        }
        Opportunity updated = reread(id, me);
        if (ownerId != current.ownerId()) {
            events.publishEvent(new OpportunityEvents.OpportunityReassigned(UUID.randomUUID(), clock.instant(), id,
                    me.id(), OpportunityFacts.of(updated), current.ownerId(), current.ownerName()));
        }
        return updated;
    }

    public List<OpportunityLine> lines(long id) {
        VisibleScope scope = users.visibleScope();
        visible(scope, id);
        return lines.forOpportunity(scope, id);
    }

    /**
     * Replaces the product lines; the amount becomes their sum. Each product must be active and priced in the
     * opportunity's currency.
     */
    @Transactional
    public Opportunity setLines(long id, int version, List<LineDraft> drafts) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        Opportunity deal = visible(scope, id);
        Checks checks = Checks.start();
        List<LineRepository.Line> resolved = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            LineDraft line = drafts.get(i);
            String at = "lines[" + i + "].";
            if (line == null) {
                checks.rule(false, "lines[" + i + "]", "validation.required");
                continue;
            }
            var product = line.productId() == null ? java.util.Optional.<dev.funnel.catalog.Product>empty()
                    : products.find(line.productId()).filter(dev.funnel.catalog.Product::active);
            BigDecimal price = line.unitPrice() != null ? line.unitPrice()
                    : product.map(dev.funnel.catalog.Product::unitPrice).orElse(null);
            BigDecimal discount = line.discountPercent() == null ? BigDecimal.ZERO : line.discountPercent();
            checks.rule(product.isPresent(), at + "productId", "validation.unknown")
                    .rule(product.isEmpty() || product.get().currency().equals(deal.currency()), at + "productId",
                            "validation.line.currency", deal.currency())
                    .rule(line.quantity() != null && line.quantity().signum() > 0 && line.quantity().scale() <= 2
                            && line.quantity().precision() - line.quantity().scale() <= 10, at + "quantity",
                            "validation.line.quantity")
                    .required(at + "unitPrice", price)
                    .money(at + "unitPrice", price)
                    .rule(discount.signum() >= 0 && discount.compareTo(BigDecimal.valueOf(100)) <= 0
                            && discount.scale() <= 2, at + "discountPercent", "validation.line.discount");
            if (product.isPresent() && deal.customerId() != null) {
                // a product another rep already sells this customer needs a registration request first
                registrations.productHolder(deal.customerId(), product.get().id(), deal.ownerId()).ifPresent(
                        holder -> checks.rule(false, at + "productId", "validation.registration.product-taken",
                                holder.name()));
            }
            if (product.isPresent() && price != null && line.quantity() != null) {
                resolved.add(new LineRepository.Line(product.get().id(), line.quantity(), price, discount));
            }
        }
        BigDecimal total = resolved.isEmpty() ? deal.amount()
                : resolved.stream().map(LineRepository.Line::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        checks.money("amount", total).orThrow();
        lines.replace(id, resolved, me.id());
        if (!opportunities.setAmount(id, version, total, OffsetDateTime.now(clock), me.id())) {
            throw stale(id);
        }
        return reread(id, me);
    }

    /** What the gate would refuse for a move to the stage, item by item; empty when the move may go ahead. */
    public List<MissingItem> missingFor(long id, long targetStageId) {
        VisibleScope scope = users.visibleScope();
        Opportunity deal = visible(scope, id);
        Pipeline pipeline = pipelines.findById(deal.pipelineId()).orElseThrow();
        return StageGate.check(deal, pipeline, stageOf(pipeline, targetStageId), confirmations.forOpportunity(scope, id).keySet(),
                tasks.forOpportunity(scope, id), opportunities.productLineCount(scope, id));
    }

    /**
     * Moves an open deal to another stage of its pipeline. Forward moves pass the stage gate, or are overridden
     * by a manager or administrator with a written reason; backward moves are always allowed. Leaving a stage
     * cancels its open optional tasks; entering one creates the tasks of its key activities.
     *
     * @throws StageGateException when the gate refuses, listing what is missing
     */
    @Transactional
    public Opportunity moveToStage(long id, int version, long targetStageId, String overrideReason) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        Opportunity deal = visible(scope, id);
        Pipeline pipeline = pipelines.findById(deal.pipelineId()).orElseThrow();
        Stage target = stageOf(pipeline, targetStageId);
        Stage current = stageOf(pipeline, deal.stageId());
        boolean overriding = overrideReason != null && !overrideReason.isBlank();
        Checks.start()
                .rule(deal.status() == OpportunityStatus.OPEN, "stageId", "validation.stage.closed")
                .rule(target.id() != current.id(), "stageId", "validation.stage.same")
                .rule(!overriding || me.isManager(), "overrideReason", "validation.override.manager")
                .maxLength("overrideReason", overrideReason, 2000)
                .orThrow();
        if (target.position() > current.position() && !overriding) {
            List<MissingItem> missing = StageGate.check(deal, pipeline, target,
                    confirmations.forOpportunity(scope, id).keySet(), tasks.forOpportunity(scope, id),
                    opportunities.productLineCount(scope, id));
            if (!missing.isEmpty()) {
                throw new StageGateException(id, target.id(), missing);
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!opportunities.moveToStage(id, version, target.id(), now, me.id())) {
            throw stale(id);
        }
        boolean forward = target.position() > current.position();
        opportunities.appendHistory(id, Event.MOVED, current.id(), target.id(), me.id(), now,
                forward && overriding ? overrideReason.trim() : null);
        tasks.cancelOpenOptional(id, current.id(), now, me.id());
        Opportunity moved = reread(id, me);
        planner.enteredStage(moved, target, now, me.id());
        events.publishEvent(new OpportunityEvents.OpportunityStageChanged(UUID.randomUUID(), clock.instant(), id,
                me.id(), OpportunityFacts.of(moved), current.id(), current.nameEn()));
        return moved;
    }

    /** Confirms a checklist item of the deal's stages; who and when are kept. */
    @Transactional
    public void confirmCriterion(long id, long criterionId) {
        VisibleScope scope = users.visibleScope();
        Opportunity deal = visible(scope, id);
        Pipeline pipeline = pipelines.findById(deal.pipelineId()).orElseThrow();
        boolean ofThisPipeline = pipeline.stages().stream().flatMap(s -> s.exitCriteria().stream())
                .anyMatch(c -> c.id() == criterionId && c.isChecklistItem());
        Checks.start().rule(ofThisPipeline, "criterionId", "validation.criterion.unknown").orThrow();
        confirmations.confirm(id, criterionId, users.current().id(), OffsetDateTime.now(clock));
    }

    /** Takes a confirmation back, for example when it was given by mistake. */
    @Transactional
    public void withdrawConfirmation(long id, long criterionId) {
        visible(id);
        confirmations.withdraw(id, criterionId);
    }

    /** The current stage's criteria with their state, its tasks, and what the next stage would still need. */
    public StageGuide guide(long id) {
        VisibleScope scope = users.visibleScope();
        Opportunity deal = visible(scope, id);
        Pipeline pipeline = pipelines.findById(deal.pipelineId()).orElseThrow();
        if (pipeline.stages().stream().noneMatch(s -> s.id() == deal.stageId())) {
            // closed in a stage that was removed since: nothing to guide, the history tells the story
            Stage removed = new Stage(deal.stageId(), deal.pipelineId(), 0, deal.stageNameEn(), deal.stageNameZh(),
                    deal.stageProbability(), dev.funnel.plugin.api.ForecastCategory.CLOSED, deal.stalledAfterDays(),
                    List.of(), List.of(), 0);
            return new StageGuide(removed, null, List.of(), tasks.forOpportunity(scope, id), List.of());
        }
        Stage current = stageOf(pipeline, deal.stageId());
        Stage next = pipeline.stages().stream().filter(s -> s.position() > current.position()).findFirst().orElse(null);
        Map<Long, ConfirmationRepository.Confirmation> confirmed = confirmations.forOpportunity(scope, id);
        List<Task> dealTasks = tasks.forOpportunity(scope, id);
        int lines = opportunities.productLineCount(scope, id);
        List<CriterionStatus> criteria = new ArrayList<>();
        for (Criterion criterion : current.exitCriteria()) {
            var confirmation = confirmed.get(criterion.id());
            boolean met = criterion.isChecklistItem() ? confirmation != null
                    : StageGate.filled(deal, criterion.requiredField(), lines);
            criteria.add(new CriterionStatus(criterion, met, confirmation == null ? null : confirmation.confirmedBy(),
                    confirmation == null ? null : confirmation.confirmedByName(),
                    confirmation == null ? null : confirmation.confirmedAt()));
        }
        List<MissingItem> missing = next == null || deal.status() != OpportunityStatus.OPEN ? List.of()
                : StageGate.check(deal, pipeline, next, confirmed.keySet(), dealTasks, lines);
        return new StageGuide(current, next, criteria, dealTasks, missing);
    }

    /** What the gate would refuse for closing the deal as won now, item by item; empty when it may be won. */
    public List<MissingItem> missingToWin(long id) {
        VisibleScope scope = users.visibleScope();
        Opportunity deal = visible(scope, id);
        Pipeline pipeline = pipelines.findById(deal.pipelineId()).orElseThrow();
        if (deal.status() != OpportunityStatus.OPEN
                || pipeline.stages().stream().noneMatch(s -> s.id() == deal.stageId())) {
            return List.of();
        }
        return StageGate.checkWinning(deal, pipeline, confirmations.forOpportunity(scope, id).keySet(),
                tasks.forOpportunity(scope, id), opportunities.productLineCount(scope, id));
    }

    /** Closes as won through the gate: see {@link #win(long, int, BigDecimal, LocalDate, String)}. */
    @Transactional
    public Opportunity win(long id, int version, BigDecimal actualAmount, LocalDate actualCloseDate) {
        return win(id, version, actualAmount, actualCloseDate, null);
    }

    /**
     * Closes as won: the actual amount and date are required, and the deal must pass the exit criteria of its
     * current stage and every later one, as if it advanced through them. A manager or administrator may override
     * the gate with a written reason, kept in the stage history.
     *
     * @throws StageGateException when the gate refuses, listing what is missing
     */
    @Transactional
    public Opportunity win(long id, int version, BigDecimal actualAmount, LocalDate actualCloseDate,
                           String overrideReason) {
        boolean overriding = overrideReason != null && !overrideReason.isBlank();
        Checks.start()
                .required("actualAmount", actualAmount)
                .money("actualAmount", actualAmount)
                .required("actualCloseDate", actualCloseDate)
                .rule(actualCloseDate == null || !actualCloseDate.isAfter(LocalDate.now(clock)), "actualCloseDate",
                        "validation.date.future")
                .rule(!overriding || users.current().isManager(), "overrideReason", "validation.override.manager")
                .maxLength("overrideReason", overrideReason, 2000)
                .orThrow();
        if (!overriding) {
            List<MissingItem> missing = missingToWin(id);
            if (!missing.isEmpty()) {
                throw new StageGateException(id, visible(id).stageId(), missing);
            }
        }
        return close(id, version, OpportunityStatus.WON, actualAmount, actualCloseDate, null, null,
                overriding ? overrideReason.trim() : null);
    }

    /** Closes as lost: a lost reason from the configured list is required, a comment is welcome. */
    @Transactional
    public Opportunity lose(long id, int version, String lostReason, String comment) {
        Checks.start()
                .required("lostReason", lostReason)
                .rule(lostReason == null || choices.active(Choice.LOST_REASON).stream()
                        .anyMatch(c -> c.code().equals(lostReason)), "lostReason", "validation.lost-reason.unknown")
                .maxLength("comment", comment, 2000)
                .orThrow();
        return close(id, version, OpportunityStatus.LOST, null, LocalDate.now(clock), lostReason, comment, null);
    }

    /** A manager or administrator reopens a closed deal in the stage it was closed in. */
    @Transactional
    public Opportunity reopen(long id, int version) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        Opportunity deal = visible(scope, id);
        Checks.start()
                .rule(deal.status() != OpportunityStatus.OPEN, "status", "validation.reopen.open")
                .rule(pipelines.findById(deal.pipelineId()).orElseThrow().stages().stream()
                        .anyMatch(s -> s.id() == deal.stageId()), "status", "validation.reopen.removed-stage")
                .rule(me.isManager(), "status", "validation.reopen.manager")
                .orThrow();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!opportunities.setOutcome(id, version, OpportunityStatus.OPEN, null, null, null, null, now, me.id())) {
            throw stale(id);
        }
        opportunities.appendHistory(id, Event.REOPENED, deal.stageId(), deal.stageId(), me.id(), now, null);
        return reread(id, me);
    }

    private Opportunity close(long id, int version, OpportunityStatus outcome, BigDecimal actualAmount,
                              LocalDate actualCloseDate, String lostReason, String comment, String overrideReason) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        Opportunity deal = visible(scope, id);
        Checks.start().rule(deal.status() == OpportunityStatus.OPEN, "status", "validation.status.closed").orThrow();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!opportunities.setOutcome(id, version, outcome, actualAmount, actualCloseDate, lostReason,
                comment == null || comment.isBlank() ? null : comment.trim(), now, me.id())) {
            throw stale(id);
        }
        opportunities.appendHistory(id, outcome == OpportunityStatus.WON ? Event.WON : Event.LOST, deal.stageId(),
                deal.stageId(), me.id(), now, overrideReason);
        tasks.cancelOpenOptional(id, deal.stageId(), now, me.id());
        Opportunity closed = reread(id, me);
        events.publishEvent(outcome == OpportunityStatus.WON
                ? new OpportunityEvents.OpportunityWon(UUID.randomUUID(), clock.instant(), id, me.id(),
                        OpportunityFacts.of(closed))
                : new OpportunityEvents.OpportunityLost(UUID.randomUUID(), clock.instant(), id, me.id(),
                        OpportunityFacts.of(closed), lostReason));
        return closed;
    }

    /** What every opportunity event tells listeners about the deal as it is now. */
    private Opportunity visible(long id) {
        return visible(users.visibleScope(), id);
    }

    private Opportunity visible(VisibleScope scope, long id) {
        return opportunities.findById(scope, id).orElseThrow(() -> new NotFoundException(ENTITY, id));
    }

    private Opportunity reread(long id, CurrentUser me) {
        return opportunities.findById(VisibleScope.everything(me.id()), id).orElseThrow();
    }

    private StaleVersionException stale(long id) {
        var last = opportunities.lastChange(users.visibleScope(), id);
        return new StaleVersionException(ENTITY, id, last.map(OpportunityRepository.LastChange::byName).orElse(null),
                last.map(OpportunityRepository.LastChange::at).orElse(null));
    }

    private static Stage stageOf(Pipeline pipeline, long stageId) {
        return pipeline.stages().stream().filter(s -> s.id() == stageId).findFirst()
                .orElseThrow(() -> InvalidInputException.of("stageId", "validation.stage.other-pipeline"));
    }

    private static OpportunityDraft keepingUnnamed(OpportunityDraft draft, Opportunity current) {
        return new OpportunityDraft(draft.name(), draft.customerId(), draft.contactId(), draft.ownerId(),
                draft.pipelineId(), draft.stageId(), draft.amount(),
                draft.currency() == null ? current.currency() : draft.currency(), draft.expectedCloseDate(),
                draft.leadSource(), draft.status(), draft.lostReason(), draft.grade(), draft.nextStep(),
                draft.presalesId());
    }

    /**
     * Checks a new or changed opportunity. What did not change is not checked again: the owner a manager assigned
     * keeps working on a customer that only the previous owner may see.
     */
    private void validate(OpportunityDraft draft, Opportunity current, long ownerId) {
        boolean customerChanged = current == null || !Objects.equals(draft.customerId(), current.customerId());
        boolean contactChanged = customerChanged || !Objects.equals(draft.contactId(), current.contactId());
        boolean ownerChanged = current == null || ownerId != current.ownerId();
        boolean presalesChanged = current == null || !Objects.equals(draft.presalesId(), current.presalesId());
        Checks.start()
                .required("name", draft.name())
                .maxLength("name", draft.name(), 200)
                // only a deal imported without its account may stay without a customer
                .rule(draft.customerId() != null || (current != null && current.customerId() == null), "customerId",
                        "validation.required")
                .rule(draft.customerId() == null || !customerChanged || customerVisible(draft.customerId()),
                        "customerId", registrationHint(draft.customerId()), holderOf(draft.customerId()))
                .rule(draft.contactId() == null || draft.customerId() == null || !contactChanged
                                || customers.hasContact(draft.customerId(), draft.contactId()), "contactId",
                        "validation.contact.other-customer")
                .rule(!ownerChanged || users.canAssignTo(ownerId), "ownerId", "validation.owner.not-assignable")
                .rule(draft.presalesId() == null || !presalesChanged || users.canAssignTo(draft.presalesId()),
                        "presalesId", "validation.owner.not-assignable")
                .money("amount", draft.amount())
                .currency("currency", draft.currency())
                .maxLength("leadSource", draft.leadSource(), 60)
                .rule(draft.leadSource() == null || draft.leadSource().isBlank()
                                || (current != null && draft.leadSource().equals(current.leadSource()))
                                || choices.active(Choice.LEAD_SOURCE).stream().anyMatch(c -> c.code().equals(draft.leadSource())),
                        "leadSource", "validation.lead-source.unknown")
                .rule(draft.grade() == null || draft.grade().isBlank() || GRADES.contains(draft.grade()), "grade",
                        "validation.grade")
                .maxLength("nextStep", draft.nextStep(), 300)
                .orThrow();
    }

    /** Why a customer the rep cannot see cannot be used: unknown, in the pool, or another rep's (报备). */
    private String registrationHint(Long customerId) {
        if (customerId == null) {
            return "validation.unknown";
        }
        return customers.summary(customerId)
                .map(c -> c.ownerId() == null ? "validation.registration.pool" : "validation.registration.required")
                .orElse("validation.unknown");
    }

    private String holderOf(Long customerId) {
        return customerId == null ? "" : customers.summary(customerId).map(c -> c.ownerName() == null ? ""
                : c.ownerName()).orElse("");
    }

    private boolean customerVisible(long customerId) {
        try {
            customers.get(customerId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
