package dev.funnel.followup.web;

import dev.funnel.followup.FollowUp;
import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.SyncWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Follow-up records (跟进记录): a log, so they are added, never edited or removed, over the API. A phone system
 * pushes its calls here (docs/api.md has the example).
 */
@RestController
@RequestMapping("/api/v1/follow-ups")
@Tag(name = "Follow-ups")
class FollowUpController {

    private final FollowUpService followUps;

    FollowUpController(FollowUpService followUps) {
        this.followUps = followUps;
    }

    /**
     * A follow-up to log, by the caller; {@code occurredAt} defaults to now. A follow-up on a deal must name the
     * deal's customer.
     */
    record FollowUpRequest(FollowUpType type, OffsetDateTime occurredAt, String content, Long customerId,
                           Long contactId, Long opportunityId, LocalDate nextFollowUpOn) {

        FollowUpDraft draft() {
            return new FollowUpDraft(type, occurredAt, content, customerId, contactId, opportunityId,
                    nextFollowUpOn);
        }
    }

    @GetMapping
    @Operation(summary = "The follow-ups the caller sees (their own; a manager's team's), newest first; q matches "
            + "the content. updatedSince and afterId narrow it for an incremental sync, in id order")
    PageResult<FollowUp> list(@RequestParam(required = false) String q,
                              @RequestParam(required = false)
                              @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime updatedSince,
                              @RequestParam(required = false) Long afterId,
                              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return followUps.list(q, new SyncWindow(updatedSince, afterId), PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One follow-up; 404 when it does not exist or the caller may not see it")
    FollowUp get(@PathVariable long id) {
        return followUps.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Log a follow-up as the caller. Send an Idempotency-Key so that a retry logs it once")
    FollowUp create(@RequestBody FollowUpRequest request) {
        return followUps.log(request.draft());
    }
}
