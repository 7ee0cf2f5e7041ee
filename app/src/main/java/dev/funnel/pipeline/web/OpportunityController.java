package dev.funnel.pipeline.web;

import dev.funnel.pipeline.LineDraft;
import dev.funnel.pipeline.MissingItem;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityLine;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityFilter;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.StageProgressService;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.StageGuide;
import dev.funnel.platform.Checks;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/opportunities")
@Tag(name = "Opportunities")
class OpportunityController {

    private final OpportunityService opportunities;
    private final OpportunityEditService editing;
    private final StageProgressService progress;
    private final OpportunityCloseService closing;

    OpportunityController(OpportunityService opportunities, OpportunityEditService editing,
                          StageProgressService progress, OpportunityCloseService closing) {
        this.opportunities = opportunities;
        this.editing = editing;
        this.progress = progress;
        this.closing = closing;
    }

    /** The body of a create or update; {@code version} is required on update (optimistic locking). */
    record OpportunityRequest(String name, Long customerId, Long contactId, Long ownerId, Long pipelineId,
                              Long stageId, BigDecimal amount, String currency, LocalDate expectedCloseDate,
                              String leadSource, OpportunityStatus status, String lostReason, String grade,
                              String nextStep, Long presalesId, Integer version) {

        OpportunityDraft draft() {
            return new OpportunityDraft(name, customerId, contactId, ownerId, pipelineId, stageId, amount, currency,
                    expectedCloseDate, leadSource, status, lostReason, grade, nextStep, presalesId);
        }
    }

    @GetMapping
    @Operation(summary = "Opportunities the caller may see, filtered by owner, pipeline, stage, status, text (q), "
            + "stalled (open deals longer in their stage than it allows), expected close date range and "
            + "minWinProbability (0-1); sort=winProbability lists the most likely first. updatedSince and afterId "
            + "narrow it for an incremental sync, in id order (a change of the scorer's win probability or grade "
            + "does not count as a change)")
    PageResult<Opportunity> list(@RequestParam(required = false) String q,
                                 @RequestParam(required = false) Long ownerId,
                                 @RequestParam(required = false) Long pipelineId,
                                 @RequestParam(required = false) Long stageId,
                                 @RequestParam(required = false) OpportunityStatus status,
                                 @RequestParam(defaultValue = "false") boolean stalled,
                                 @RequestParam(required = false)
                                 @org.springframework.format.annotation.DateTimeFormat(
                                         iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
                                 java.time.LocalDate closeFrom,
                                 @RequestParam(required = false)
                                 @org.springframework.format.annotation.DateTimeFormat(
                                         iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
                                 java.time.LocalDate closeTo,
                                 @RequestParam(required = false) BigDecimal minWinProbability,
                                 @RequestParam(required = false) String sort,
                                 @RequestParam(required = false)
                                 @org.springframework.format.annotation.DateTimeFormat(
                                         iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE_TIME)
                                 OffsetDateTime updatedSince,
                                 @RequestParam(required = false) Long afterId,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "20") int size) {
        if (minWinProbability != null && (minWinProbability.signum() < 0 || minWinProbability.compareTo(BigDecimal.ONE) > 0)) {
            throw dev.funnel.platform.InvalidInputException.of("minWinProbability", "validation.win-probability");
        }
        if (sort != null && !sort.equals("winProbability") && !sort.equals("updated")) {
            throw dev.funnel.platform.InvalidInputException.of("sort", "validation.sort", "winProbability, updated");
        }
        return opportunities.list(new OpportunityFilter(q, ownerId, pipelineId, stageId, status, stalled, closeFrom,
                closeTo, minWinProbability, "winProbability".equals(sort),
                new dev.funnel.platform.SyncWindow(updatedSince, afterId)), PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One opportunity; 404 when it does not exist or the caller may not see it")
    Opportunity get(@PathVariable long id) {
        return opportunities.get(id);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The opportunity's history, oldest first: every entry into a stage, close and reopen "
            + "(event, fromStageId, toStageId), and every change of amount, currency, expected close date, next "
            + "step, owner, lead source, win probability and grade (field, oldValue, newValue), with who and when; "
            + "changedBy is null for changes the system made")
    List<HistoryLine> history(@PathVariable long id) {
        List<HistoryLine> lines = new ArrayList<>();
        opportunities.history(id).forEach(h -> lines.add(new HistoryLine(h.id(), h.opportunityId(), h.changedAt(),
                h.changedBy(), h.changedByName(), h.event().name(), h.fromStageId(), h.toStageId(),
                h.overrideReason(), null, null, null)));
        opportunities.changes(id).forEach(c -> lines.add(new HistoryLine(c.id(), c.opportunityId(), c.changedAt(),
                c.changedBy(), c.changedByName(), null, null, null, null, c.field().name(), c.oldValue(),
                c.newValue())));
        lines.sort(Comparator.comparing(HistoryLine::changedAt));
        return lines;
    }

    @GetMapping("/stage-history")
    @Operation(summary = "The stage ledger of every deal the caller sees, in id order: each entry into a stage, "
            + "close and reopen with who and when. updatedSince (lines written at or after) and afterId narrow it "
            + "for an incremental sync; lines are never changed")
    PageResult<dev.funnel.pipeline.StageHistoryEntry> stageHistory(
            @RequestParam(required = false)
            @org.springframework.format.annotation.DateTimeFormat(
                    iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE_TIME)
            OffsetDateTime updatedSince,
            @RequestParam(required = false) Long afterId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        return opportunities.ledger(new dev.funnel.platform.SyncWindow(updatedSince, afterId),
                PageRequest.of(page, size));
    }

    /**
     * A line of the deal's history: a stage-ledger line (event set; id is the ledger line's) or a field change
     * (field set; id is the revision's).
     */
    record HistoryLine(long id, long opportunityId, OffsetDateTime changedAt, Long changedBy, String changedByName,
                       String event, Long fromStageId, Long toStageId, String overrideReason, String field,
                       String oldValue, String newValue) {
    }

    /** A move: the target stage, the version read, and for a manager's override the written reason. */
    record MoveRequest(Long stageId, Integer version, String overrideReason) {
    }

    /** A close as won; a manager's override reason passes an unmet gate. */
    record WonRequest(Integer version, BigDecimal actualAmount, LocalDate actualCloseDate, String overrideReason) {
    }

    /** A close as lost. */
    record LostRequest(Integer version, String lostReason, String comment) {
    }

    /** A reopen. */
    record VersionRequest(Integer version) {
    }

    @PostMapping("/{id}/stage")
    @Operation(summary = "Move to a stage through the stage gate; 422 STAGE_GATE lists what is missing; "
            + "managers may override with overrideReason")
    Opportunity move(@PathVariable long id, @RequestBody MoveRequest request) {
        Checks.start().required("stageId", request.stageId()).required("version", request.version()).orThrow();
        return progress.moveToStage(id, request.version(), request.stageId(), request.overrideReason());
    }

    /** The product lines with the version read. */
    record LinesRequest(Integer version, List<LineDraft> lines) {
    }

    @GetMapping("/{id}/lines")
    @Operation(summary = "The product lines of an opportunity")
    List<OpportunityLine> lines(@PathVariable long id) {
        return opportunities.lines(id);
    }

    @PutMapping("/{id}/lines")
    @Operation(summary = "Replace the product lines; the amount becomes their sum")
    Opportunity setLines(@PathVariable long id, @RequestBody LinesRequest request) {
        Checks.start().required("version", request.version()).orThrow();
        return editing.setLines(id, request.version(), request.lines() == null ? List.of() : request.lines());
    }

    @GetMapping("/{id}/guide")
    @Operation(summary = "The current stage's exit criteria with their state, its tasks, and what the next stage needs")
    StageGuide guide(@PathVariable long id) {
        return progress.guide(id);
    }

    @PostMapping("/{id}/criteria/{criterionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Confirm an exit-criterion checklist item (who and when are kept)")
    void confirm(@PathVariable long id, @PathVariable long criterionId) {
        progress.confirmCriterion(id, criterionId);
    }

    @DeleteMapping("/{id}/criteria/{criterionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Withdraw a confirmation given by mistake")
    void withdraw(@PathVariable long id, @PathVariable long criterionId) {
        progress.withdrawConfirmation(id, criterionId);
    }

    @PostMapping("/{id}/won")
    @Operation(summary = "Close as won with the actual amount and date",
            description = "The deal must meet the exit criteria of its current stage and every later one; otherwise "
                    + "422 STAGE_GATE lists what is missing. A manager or administrator may pass overrideReason "
                    + "instead. This and /lost are the only ways to close a deal: an update carrying another "
                    + "status is refused.")
    Opportunity won(@PathVariable long id, @RequestBody WonRequest request) {
        Checks.start().required("version", request.version()).orThrow();
        return closing.win(id, request.version(), request.actualAmount(), request.actualCloseDate(),
                request.overrideReason());
    }

    @GetMapping("/{id}/won")
    @Operation(summary = "What the deal still lacks to be closed as won (empty when it may be won now)")
    List<MissingItem> missingToWin(@PathVariable long id) {
        return closing.missingToWin(id);
    }

    @PostMapping("/{id}/lost")
    @Operation(summary = "Close as lost with a lost reason code (GET /api/v1/lost-reasons) and a comment")
    Opportunity lost(@PathVariable long id, @RequestBody LostRequest request) {
        Checks.start().required("version", request.version()).orThrow();
        return closing.lose(id, request.version(), request.lostReason(), request.comment());
    }

    @PostMapping("/{id}/reopen")
    @Operation(summary = "Reopen a closed opportunity (managers and administrators)")
    Opportunity reopen(@PathVariable long id, @RequestBody VersionRequest request) {
        Checks.start().required("version", request.version()).orThrow();
        return closing.reopen(id, request.version());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an opportunity in the first stage; owner defaults to the caller, pipeline to the default")
    Opportunity create(@RequestBody OpportunityRequest request) {
        return editing.create(request.draft());
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace an opportunity's fields (stage and status change through /stage, /won, /lost, "
            + "/reopen); 409 when the version is stale")
    Opportunity update(@PathVariable long id, @RequestBody OpportunityRequest request) {
        if (request.version() == null) {
            throw InvalidInputException.of("version", "validation.required");
        }
        return editing.update(id, request.version(), request.draft());
    }
}
