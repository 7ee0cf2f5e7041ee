package dev.funnel.pipeline;

import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.StageHistoryEntry.Event;
import dev.funnel.pipeline.internal.ChoiceRepository;
import dev.funnel.pipeline.internal.ConfirmationRepository;
import dev.funnel.pipeline.internal.OpportunityRepository;
import dev.funnel.pipeline.internal.PipelineRepository;
import dev.funnel.pipeline.internal.TaskRepository;
import dev.funnel.platform.Checks;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outcome of a deal: won (through the gate of its current stage and every later one, or a manager's
 * override with a reason), lost (with a configured reason), reopened (by a manager). Each appends to the stage
 * ledger and publishes {@link OpportunityEvents.OpportunityWon} or {@link OpportunityEvents.OpportunityLost}.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class OpportunityCloseService {

    private final OpportunityRepository opportunities;
    private final PipelineRepository pipelines;
    private final TaskRepository tasks;
    private final ConfirmationRepository confirmations;
    private final ChoiceRepository choices;
    private final Deals deals;
    private final UserService users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OpportunityCloseService(OpportunityRepository opportunities, PipelineRepository pipelines,
                            TaskRepository tasks, ConfirmationRepository confirmations, ChoiceRepository choices,
                            Deals deals, UserService users, ApplicationEventPublisher events, Clock clock) {
        this.opportunities = opportunities;
        this.pipelines = pipelines;
        this.tasks = tasks;
        this.confirmations = confirmations;
        this.choices = choices;
        this.deals = deals;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /** What the gate would refuse for closing the deal as won now, item by item; empty when it may be won. */
    public List<MissingItem> missingToWin(long id) {
        VisibleScope scope = users.visibleScope();
        Opportunity deal = deals.visible(scope, id);
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
                throw new StageGateException(id, deals.visible(id).stageId(), missing);
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
        Opportunity deal = deals.visible(scope, id);
        Checks.start()
                .rule(deal.status() != OpportunityStatus.OPEN, "status", "validation.reopen.open")
                .rule(pipelines.findById(deal.pipelineId()).orElseThrow().stages().stream()
                        .anyMatch(s -> s.id() == deal.stageId()), "status", "validation.reopen.removed-stage")
                .rule(me.isManager(), "status", "validation.reopen.manager")
                .orThrow();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!opportunities.setOutcome(id, version, OpportunityStatus.OPEN, null, null, null, null, now, me.id())) {
            throw deals.stale(id);
        }
        opportunities.appendHistory(id, Event.REOPENED, deal.stageId(), deal.stageId(), me.id(), now, null);
        return deals.reread(id, me);
    }

    private Opportunity close(long id, int version, OpportunityStatus outcome, BigDecimal actualAmount,
                              LocalDate actualCloseDate, String lostReason, String comment, String overrideReason) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        Opportunity deal = deals.visible(scope, id);
        Checks.start().rule(deal.status() == OpportunityStatus.OPEN, "status", "validation.status.closed").orThrow();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!opportunities.setOutcome(id, version, outcome, actualAmount, actualCloseDate, lostReason,
                comment == null || comment.isBlank() ? null : comment.trim(), now, me.id())) {
            throw deals.stale(id);
        }
        opportunities.appendHistory(id, outcome == OpportunityStatus.WON ? Event.WON : Event.LOST, deal.stageId(),
                deal.stageId(), me.id(), now, overrideReason);
        tasks.cancelOpenOptional(id, deal.stageId(), now, me.id());
        Opportunity closed = deals.reread(id, me);
        events.publishEvent(outcome == OpportunityStatus.WON
                ? new OpportunityEvents.OpportunityWon(UUID.randomUUID(), clock.instant(), id, me.id(),
                        OpportunityFacts.of(closed))
                : new OpportunityEvents.OpportunityLost(UUID.randomUUID(), clock.instant(), id, me.id(),
                        OpportunityFacts.of(closed), lostReason));
        return closed;
    }
}
