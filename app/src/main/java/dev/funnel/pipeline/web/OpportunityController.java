package dev.funnel.pipeline.web;

import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityFilter;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.StageHistoryEntry;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
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

    OpportunityController(OpportunityService opportunities) {
        this.opportunities = opportunities;
    }

    /** The body of a create or update; {@code version} is required on update (optimistic locking). */
    record OpportunityRequest(String name, Long customerId, Long contactId, Long ownerId, Long pipelineId,
                              Long stageId, BigDecimal amount, String currency, LocalDate expectedCloseDate,
                              String leadSource, OpportunityStatus status, String lostReason, Integer version) {

        OpportunityDraft draft() {
            return new OpportunityDraft(name, customerId, contactId, ownerId, pipelineId, stageId, amount, currency,
                    expectedCloseDate, leadSource, status, lostReason);
        }
    }

    @GetMapping
    @Operation(summary = "Opportunities the caller may see, filtered by owner, pipeline, stage, status and text (q)")
    PageResult<Opportunity> list(@RequestParam(required = false) String q,
                                 @RequestParam(required = false) Long ownerId,
                                 @RequestParam(required = false) Long pipelineId,
                                 @RequestParam(required = false) Long stageId,
                                 @RequestParam(required = false) OpportunityStatus status,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "20") int size) {
        return opportunities.list(new OpportunityFilter(q, ownerId, pipelineId, stageId, status),
                PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One opportunity; 404 when it does not exist or the caller may not see it")
    Opportunity get(@PathVariable long id) {
        return opportunities.get(id);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The opportunity's stage history: every entry into a stage, close and reopen")
    List<StageHistoryEntry> history(@PathVariable long id) {
        return opportunities.history(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an opportunity; owner defaults to the caller, pipeline to the default, stage to its first")
    Opportunity create(@RequestBody OpportunityRequest request) {
        return opportunities.create(request.draft());
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change an opportunity; a stage change, close or reopen is recorded; 409 when the version is stale")
    Opportunity update(@PathVariable long id, @RequestBody OpportunityRequest request) {
        if (request.version() == null) {
            throw InvalidInputException.of("version", "validation.required");
        }
        return opportunities.update(id, request.version(), request.draft());
    }
}
