package dev.funnel.pipeline;

import dev.funnel.customer.CustomerService;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.StageHistoryEntry.Event;
import dev.funnel.pipeline.internal.OpportunityRepository;
import dev.funnel.pipeline.internal.PipelineRepository;
import dev.funnel.platform.Checks;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.StaleVersionException;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opportunities and their lifecycle. Every stage change, close and reopen appends to the stage history in the
 * same transaction as the change itself, so the ledger always agrees with the opportunity.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class OpportunityService {

    static final String ENTITY = "opportunity";

    private final OpportunityRepository opportunities;
    private final PipelineRepository pipelines;
    private final CustomerService customers;
    private final UserService users;
    private final Clock clock;

    OpportunityService(OpportunityRepository opportunities, PipelineRepository pipelines, CustomerService customers,
                       UserService users, Clock clock) {
        this.opportunities = opportunities;
        this.pipelines = pipelines;
        this.customers = customers;
        this.users = users;
        this.clock = clock;
    }

    public PageResult<Opportunity> list(OpportunityFilter filter, PageRequest page) {
        VisibleScope scope = users.visibleScope();
        return new PageResult<>(opportunities.find(scope, filter, page), opportunities.count(scope, filter),
                page.page(), page.size());
    }

    public long count(OpportunityFilter filter) {
        return opportunities.count(users.visibleScope(), filter);
    }

    public Opportunity get(long id) {
        return opportunities.findById(users.visibleScope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
    }

    public List<StageHistoryEntry> history(long id) {
        get(id);
        return opportunities.history(id);
    }

    @Transactional
    public Opportunity create(OpportunityDraft draft) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        Pipeline pipeline = draft.pipelineId() == null
                ? pipelines.findAll().stream().findFirst().orElseThrow(
                        () -> InvalidInputException.of("pipelineId", "validation.pipeline.none"))
                : pipelines.findById(draft.pipelineId()).orElseThrow(
                        () -> InvalidInputException.of("pipelineId", "validation.unknown"));
        long stageId = draft.stageId() == null ? pipeline.stages().get(0).id() : draft.stageId();
        long ownerId = draft.ownerId() == null ? me.id() : draft.ownerId();
        validate(draft, null, ownerId, pipeline, stageId);
        Checks.start().rule(draft.status() == null || draft.status() == OpportunityStatus.OPEN, "status",
                "validation.status.create-open").orThrow();
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = opportunities.insert(draft, ownerId, pipeline.id(), stageId, now, me.id());
        opportunities.appendHistory(id, Event.CREATED, null, stageId, me.id(), now, null);
        return opportunities.findById(scope, id).orElseThrow();
    }

    /**
     * Replaces the opportunity's fields with the draft's; a new stage, a close or a reopen is recorded in the stage
     * history. A null owner, stage, status or currency keeps the current one, and so does a null lost reason of
     * an opportunity that stays lost. Fails with {@link StaleVersionException} when someone else saved after
     * {@code version} was read.
     */
    @Transactional
    public Opportunity update(long id, int version, OpportunityDraft requested) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        Opportunity current = opportunities.findById(scope, id).orElseThrow(() -> new NotFoundException(ENTITY, id));
        OpportunityDraft draft = keepingUnnamed(requested, current);
        Checks.start().rule(draft.pipelineId() == null || draft.pipelineId() == current.pipelineId(), "pipelineId",
                "validation.pipeline.fixed").orThrow();
        Pipeline pipeline = pipelines.findById(current.pipelineId()).orElseThrow();
        long stageId = draft.stageId() == null ? current.stageId() : draft.stageId();
        long ownerId = draft.ownerId() == null ? current.ownerId() : draft.ownerId();
        OpportunityStatus status = draft.status() == null ? current.status() : draft.status();
        validate(draft, current, ownerId, pipeline, stageId);
        boolean reopening = current.status() != OpportunityStatus.OPEN && status == OpportunityStatus.OPEN;
        Checks.start()
                .rule(status != OpportunityStatus.LOST || (draft.lostReason() != null && !draft.lostReason().isBlank()),
                        "lostReason", "validation.lost-reason")
                .maxLength("lostReason", draft.lostReason(), 200)
                .rule(!reopening || me.isManager(), "status", "validation.reopen.manager")
                .rule(current.status() == OpportunityStatus.OPEN || status == current.status()
                        || status == OpportunityStatus.OPEN, "status", "validation.status.closed")
                .rule(status == OpportunityStatus.OPEN || stageId == current.stageId(), "stageId",
                        "validation.stage.closed")
                .orThrow();

        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean stageChanged = stageId != current.stageId();
        OffsetDateTime stageEnteredAt = stageChanged ? now : current.stageEnteredAt();
        OffsetDateTime closedAt = status == OpportunityStatus.OPEN ? null
                : Objects.requireNonNullElse(current.closedAt(), now);
        if (!opportunities.update(id, version, draft, ownerId, stageId, stageEnteredAt, status, closedAt, now, me.id())) {
            throw new StaleVersionException(ENTITY, id);
        }
        if (reopening) {
            opportunities.appendHistory(id, Event.REOPENED, current.stageId(), stageId, me.id(), now, null);
        } else if (stageChanged) {
            opportunities.appendHistory(id, Event.MOVED, current.stageId(), stageId, me.id(), now, null);
        }
        if (current.status() == OpportunityStatus.OPEN && status != OpportunityStatus.OPEN) {
            Event close = status == OpportunityStatus.WON ? Event.WON : Event.LOST;
            opportunities.appendHistory(id, close, stageId, stageId, me.id(), now, null);
        }
        return opportunities.findById(VisibleScope.everything(me.id()), id).orElseThrow();
    }

    private static OpportunityDraft keepingUnnamed(OpportunityDraft draft, Opportunity current) {
        boolean staysLost = current.status() == OpportunityStatus.LOST
                && (draft.status() == null || draft.status() == OpportunityStatus.LOST);
        return new OpportunityDraft(draft.name(), draft.customerId(), draft.contactId(), draft.ownerId(),
                draft.pipelineId(), draft.stageId(), draft.amount(),
                draft.currency() == null ? current.currency() : draft.currency(), draft.expectedCloseDate(),
                draft.leadSource(), draft.status(),
                draft.lostReason() == null && staysLost ? current.lostReason() : draft.lostReason());
    }

    /**
     * Checks a new or changed opportunity. What did not change is not checked again: the owner a manager assigned
     * keeps working on a customer that only the previous owner may see.
     */
    private void validate(OpportunityDraft draft, Opportunity current, long ownerId, Pipeline pipeline,
                          long stageId) {
        boolean customerChanged = current == null || !Objects.equals(draft.customerId(), current.customerId());
        boolean contactChanged = customerChanged || !Objects.equals(draft.contactId(), current.contactId());
        boolean ownerChanged = current == null || ownerId != current.ownerId();
        Checks.start()
                .required("name", draft.name())
                .maxLength("name", draft.name(), 200)
                .required("customerId", draft.customerId())
                .rule(draft.customerId() == null || !customerChanged || customerVisible(draft.customerId()),
                        "customerId", "validation.unknown")
                .rule(draft.contactId() == null || draft.customerId() == null || !contactChanged
                                || customers.hasContact(draft.customerId(), draft.contactId()), "contactId",
                        "validation.contact.other-customer")
                .rule(!ownerChanged || users.canAssignTo(ownerId), "ownerId", "validation.owner.not-assignable")
                .rule(pipeline.stages().stream().anyMatch(s -> s.id() == stageId), "stageId",
                        "validation.stage.other-pipeline")
                .money("amount", draft.amount())
                .currency("currency", draft.currency())
                .maxLength("leadSource", draft.leadSource(), 60)
                .orThrow();
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
