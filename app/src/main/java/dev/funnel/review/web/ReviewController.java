package dev.funnel.review.web;

import dev.funnel.platform.Checks;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.review.DecisionDraft;
import dev.funnel.review.NewReview;
import dev.funnel.review.NoteDraft;
import dev.funnel.review.Review;
import dev.funnel.review.ReviewDecision;
import dev.funnel.review.ReviewNote;
import dev.funnel.review.ReviewPeriod;
import dev.funnel.review.ReviewService;
import dev.funnel.review.ReviewSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Review meetings over REST (docs/reviews.md), for sales managers and administrators. */
@RestController
@RequestMapping("/api/v1/reviews")
@Tag(name = "Reviews")
class ReviewController {

    private final ReviewService reviews;

    ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    /** @param day any day of the period: the review covers the week (Monday to Sunday) or month holding it */
    record StartRequest(Long teamId, ReviewPeriod period, LocalDate day, Long pipelineId) {
    }

    record NoteRequest(Long opportunityId, String topic, String body) {
    }

    record DecisionRequest(String text, Long ownerId, LocalDate dueDate, Long opportunityId) {
    }

    record CloseRequest(Integer version) {
    }

    @GetMapping
    @Operation(summary = "The reviews of the teams the caller may see, latest period first, a page at a time")
    PageResult<ReviewSummary> list(@RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "20") int size) {
        return reviews.page(PageRequest.of(page, size));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start the review of a team for a period (period WEEK or MONTH, day: any day of it; "
            + "pipelineId: the default pipeline when left out); one per team, pipeline and period, and the period "
            + "must have begun")
    Review start(@RequestBody StartRequest request) {
        return reviews.start(new NewReview(request.teamId(), request.period(), request.day(), request.pipelineId()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One review with its agenda (while open: as prepared when it started or was last "
            + "refreshed, the last review's decisions as they stand now; once closed: frozen), its notes and its "
            + "decisions with their tasks' states now")
    Review get(@PathVariable long id) {
        return reviews.get(id);
    }

    @PostMapping("/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a note about a deal (opportunityId) and/or a topic; 409 once the review is closed")
    ReviewNote note(@PathVariable long id, @RequestBody NoteRequest request) {
        return reviews.addNote(id, new NoteDraft(request.opportunityId(), request.topic(), request.body()));
    }

    @PostMapping("/{id}/decisions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a decision: text, ownerId (someone the caller may assign to), dueDate (today or "
            + "later), optionally the deal it is about; it becomes the owner's task. 409 once the review is closed")
    ReviewDecision decide(@PathVariable long id, @RequestBody DecisionRequest request) {
        return reviews.decide(id, new DecisionDraft(request.text(), request.ownerId(), request.dueDate(),
                request.opportunityId()));
    }

    @PostMapping("/{id}/refresh")
    @Operation(summary = "Prepare the open review's agenda again from the deals as they are now (agenda.computedAt "
            + "says when); its notes, decisions and version stay. 409 once the review is closed")
    Review refresh(@PathVariable long id) {
        return reviews.refresh(id);
    }

    @PostMapping("/{id}/close")
    @Operation(summary = "Close the review with the version read: its agenda is frozen as it stands now and never "
            + "changes afterwards; 409 when it is closed already or changed since it was read")
    Review close(@PathVariable long id, @RequestBody CloseRequest request) {
        Checks.start().required("version", request.version()).orThrow();
        return reviews.close(id, request.version());
    }
}
