package dev.funnel.pipeline.web;

import dev.funnel.pipeline.RegistrationDraft;
import dev.funnel.pipeline.RegistrationRequest;
import dev.funnel.pipeline.RegistrationService;
import dev.funnel.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.SyncWindow;
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

/** Registration requests (报备) over REST: file one, list them, decide them. */
@RestController
@RequestMapping("/api/v1/registrations")
@Tag(name = "Registrations")
class RegistrationController {

    private final RegistrationService registrations;

    RegistrationController(RegistrationService registrations) {
        this.registrations = registrations;
    }

    /** A decision: the version read, and the comment (required to reject). */
    record DecisionRequest(Integer version, String comment) {
    }

    @GetMapping
    @Operation(summary = "The caller's requests (which=mine, the default), those waiting for the caller's decision "
            + "(which=to-decide), or all those the caller filed, holds the deal of or decides (which=all; every one "
            + "for an administrator); newest first. updatedSince and afterId narrow it for an incremental sync, in "
            + "id order")
    PageResult<RegistrationRequest> list(@RequestParam(defaultValue = "mine") String which,
                                         @RequestParam(required = false)
                                         @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                         OffsetDateTime updatedSince,
                                         @RequestParam(required = false) Long afterId,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "20") int size) {
        RegistrationService.Listing listing = switch (which) {
            case "mine" -> RegistrationService.Listing.MINE;
            case "to-decide" -> RegistrationService.Listing.TO_DECIDE;
            case "all" -> RegistrationService.Listing.INVOLVING;
            default -> throw InvalidInputException.of("which", "validation.parameter", which);
        };
        return registrations.list(listing, new SyncWindow(updatedSince, afterId), PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One request; 404 unless the caller filed it, holds its deal or decides it (or is an "
            + "administrator)")
    RegistrationRequest get(@PathVariable long id) {
        return registrations.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "File a request: customerId, optional productId, opportunityName, reason, and "
            + "customerName (its name or credit code) for a customer the caller cannot see: an id alone is answered "
            + "as unknown, so that ids reveal nothing")
    RegistrationRequest file(@RequestBody RegistrationDraft draft) {
        return registrations.request(draft);
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Approve (the holder's manager or an administrator): the requester gets the deal")
    RegistrationRequest approve(@PathVariable long id, @RequestBody DecisionRequest decision) {
        return registrations.approve(id, version(decision), decision.comment());
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject with a comment (the holder's manager or an administrator)")
    RegistrationRequest reject(@PathVariable long id, @RequestBody DecisionRequest decision) {
        return registrations.reject(id, version(decision), decision.comment());
    }

    private static int version(DecisionRequest decision) {
        if (decision.version() == null) {
            throw InvalidInputException.of("version", "validation.required");
        }
        return decision.version();
    }
}
