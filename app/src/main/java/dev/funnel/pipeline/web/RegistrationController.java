package dev.funnel.pipeline.web;

import dev.funnel.pipeline.RegistrationDraft;
import dev.funnel.pipeline.RegistrationRequest;
import dev.funnel.pipeline.RegistrationService;
import dev.funnel.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
    @Operation(summary = "The caller's requests (which=mine, the default) or those waiting for the caller's decision "
            + "(which=to-decide)")
    List<RegistrationRequest> list(@RequestParam(defaultValue = "mine") String which) {
        return switch (which) {
            case "mine" -> registrations.mine();
            case "to-decide" -> registrations.toDecide();
            default -> throw InvalidInputException.of("which", "validation.parameter", which);
        };
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
