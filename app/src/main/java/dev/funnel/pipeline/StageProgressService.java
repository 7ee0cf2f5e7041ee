package dev.funnel.pipeline;

import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.StageHistoryEntry.Event;
import dev.funnel.pipeline.internal.ConfirmationRepository;
import dev.funnel.pipeline.internal.OpportunityRepository;
import dev.funnel.pipeline.internal.PipelineRepository;
import dev.funnel.pipeline.internal.TaskRepository;
import dev.funnel.platform.Checks;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a deal advances through its stages: the stage gate (exit criteria confirmed, required fields filled,
 * required key activities done) for every forward move, overridable by a manager with a reason; moves back need
 * nothing. Every move appends to the stage ledger in the same transaction, cancels the left stage's open
 * optional tasks, plans the entered stage's tasks and publishes {@link OpportunityEvents.OpportunityStageChanged}.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class StageProgressService {

    private final OpportunityRepository opportunities;
    private final PipelineRepository pipelines;
    private final TaskRepository tasks;
    private final ConfirmationRepository confirmations;
    private final TaskPlanner planner;
    private final Deals deals;
    private final UserService users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StageProgressService(OpportunityRepository opportunities, PipelineRepository pipelines, TaskRepository tasks,
                         ConfirmationRepository confirmations, TaskPlanner planner, Deals deals, UserService users,
                         ApplicationEventPublisher events, Clock clock) {
        this.opportunities = opportunities;
        this.pipelines = pipelines;
        this.tasks = tasks;
        this.confirmations = confirmations;
        this.planner = planner;
        this.deals = deals;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /** What the gate would refuse for a move to the stage, item by item; empty when the move may go ahead. */
    public List<MissingItem> missingFor(long id, long targetStageId) {
        VisibleScope scope = users.visibleScope();
        Opportunity deal = deals.visible(scope, id);
        Pipeline pipeline = pipelines.findById(deal.pipelineId()).orElseThrow();
        return StageGate.check(deal, pipeline, Deals.stageOf(pipeline, targetStageId), confirmations.forOpportunity(scope, id).keySet(),
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
        Opportunity deal = deals.visible(scope, id);
        Pipeline pipeline = pipelines.findById(deal.pipelineId()).orElseThrow();
        Stage target = Deals.stageOf(pipeline, targetStageId);
        Stage current = Deals.stageOf(pipeline, deal.stageId());
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
            throw deals.stale(id);
        }
        boolean forward = target.position() > current.position();
        opportunities.appendHistory(id, Event.MOVED, current.id(), target.id(), me.id(), now,
                forward && overriding ? overrideReason.trim() : null);
        tasks.cancelOpenOptional(id, current.id(), now, me.id());
        Opportunity moved = deals.reread(id, me);
        planner.enteredStage(moved, target, now, me.id());
        events.publishEvent(new OpportunityEvents.OpportunityStageChanged(UUID.randomUUID(), clock.instant(), id,
                me.id(), OpportunityFacts.of(moved), current.id(), current.nameEn()));
        return moved;
    }

    /** Confirms a checklist item of the deal's stages; who and when are kept. */
    @Transactional
    public void confirmCriterion(long id, long criterionId) {
        VisibleScope scope = users.visibleScope();
        Opportunity deal = deals.visible(scope, id);
        Pipeline pipeline = pipelines.findById(deal.pipelineId()).orElseThrow();
        boolean ofThisPipeline = pipeline.stages().stream().flatMap(s -> s.exitCriteria().stream())
                .anyMatch(c -> c.id() == criterionId && c.isChecklistItem());
        Checks.start().rule(ofThisPipeline, "criterionId", "validation.criterion.unknown").orThrow();
        confirmations.confirm(id, criterionId, users.current().id(), OffsetDateTime.now(clock));
        events.publishEvent(new DealChanged(id));
    }

    /** Takes a confirmation back, for example when it was given by mistake. */
    @Transactional
    public void withdrawConfirmation(long id, long criterionId) {
        deals.visible(id);
        confirmations.withdraw(id, criterionId);
        events.publishEvent(new DealChanged(id));
    }

    /** The current stage's criteria with their state, its tasks, and what the next stage would still need. */
    public StageGuide guide(long id) {
        VisibleScope scope = users.visibleScope();
        Opportunity deal = deals.visible(scope, id);
        Pipeline pipeline = pipelines.findById(deal.pipelineId()).orElseThrow();
        if (pipeline.stages().stream().noneMatch(s -> s.id() == deal.stageId())) {
            // closed in a stage that was removed since: nothing to guide, the history tells the story
            Stage removed = new Stage(deal.stageId(), deal.pipelineId(), 0, deal.stageNameEn(), deal.stageNameZh(),
                    deal.stageProbability(), dev.funnel.plugin.api.ForecastCategory.CLOSED, deal.stalledAfterDays(),
                    List.of(), List.of(), 0);
            return new StageGuide(removed, null, List.of(), tasks.forOpportunity(scope, id), List.of());
        }
        Stage current = Deals.stageOf(pipeline, deal.stageId());
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
}
