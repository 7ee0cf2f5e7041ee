package dev.funnel.pipeline;

import dev.funnel.catalog.ProductService;
import dev.funnel.currency.CurrencyService;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.StageHistoryEntry.Event;
import dev.funnel.pipeline.internal.ChoiceRepository;
import dev.funnel.pipeline.internal.LineRepository;
import dev.funnel.pipeline.internal.OpportunityRepository;
import dev.funnel.pipeline.internal.PipelineRepository;
import dev.funnel.pipeline.internal.RegistrationRepository;
import dev.funnel.platform.Checks;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating opportunities and editing their fields and product lines. A new deal starts in its pipeline's first
 * stage with that stage's tasks; {@link #update} refuses a different stage or status, which only
 * {@link StageProgressService} and {@link OpportunityCloseService} change. Reassigning a deal publishes
 * {@link OpportunityEvents.OpportunityReassigned}.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class OpportunityEditService {

    private final OpportunityRepository opportunities;
    private final PipelineRepository pipelines;
    private final ChoiceRepository choices;
    private final LineRepository lines;
    private final RegistrationRepository registrations;
    private final ProductService products;
    private final TaskPlanner planner;
    private final Deals deals;
    private final CustomerService customers;
    private final UserService users;
    private final CurrencyService currencies;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OpportunityEditService(OpportunityRepository opportunities, PipelineRepository pipelines,
                           ChoiceRepository choices, LineRepository lines, RegistrationRepository registrations,
                           ProductService products, TaskPlanner planner, Deals deals, CustomerService customers,
                           UserService users, CurrencyService currencies, ApplicationEventPublisher events,
                           Clock clock) {
        this.opportunities = opportunities;
        this.pipelines = pipelines;
        this.choices = choices;
        this.lines = lines;
        this.registrations = registrations;
        this.products = products;
        this.planner = planner;
        this.deals = deals;
        this.customers = customers;
        this.users = users;
        this.currencies = currencies;
        this.events = events;
        this.clock = clock;
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
        Opportunity current = deals.visible(scope, id);
        OpportunityDraft draft = keepingUnnamed(requested, current);
        if (opportunities.gradesFollowScorer()) {
            // the scorer's grade, whatever an open form or an API client sends
            draft = draft.withGrade(current.grade());
        }
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
            throw deals.stale(id);
        }
        Opportunity updated = deals.reread(id, me);
        events.publishEvent(new DealChanged(id));
        if (ownerId != current.ownerId()) {
            events.publishEvent(new OpportunityEvents.OpportunityReassigned(UUID.randomUUID(), clock.instant(), id,
                    me.id(), OpportunityFacts.of(updated), current.ownerId(), current.ownerName()));
        }
        return updated;
    }

    /**
     * Replaces the product lines; the amount becomes their sum. Each product must be active and priced in the
     * opportunity's currency.
     */
    @Transactional
    public Opportunity setLines(long id, int version, List<LineDraft> drafts) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        Opportunity deal = deals.visible(scope, id);
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
            throw deals.stale(id);
        }
        events.publishEvent(new DealChanged(id));
        return deals.reread(id, me);
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
                .rule(draft.grade() == null || draft.grade().isBlank()
                        || OpportunityDraft.GRADES.contains(draft.grade()), "grade", "validation.grade")
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
