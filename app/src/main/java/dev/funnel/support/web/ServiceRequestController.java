package dev.funnel.support.web;

import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.SyncWindow;
import dev.funnel.support.RequestPriority;
import dev.funnel.support.RequestStatus;
import dev.funnel.support.ServiceRequest;
import dev.funnel.support.ServiceRequestDraft;
import dev.funnel.support.ServiceRequestService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.format.annotation.DateTimeFormat;
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

/** Service requests (服务工单) of the customers the caller sees. */
@RestController
@RequestMapping("/api/v1/service-requests")
@Tag(name = "Service requests")
class ServiceRequestController {

    private final ServiceRequestService requests;

    ServiceRequestController(ServiceRequestService requests) {
        this.requests = requests;
    }

    /**
     * A request as opened or replaced. Priority defaults to NORMAL and status to OPEN; an update keeps the
     * customer and needs {@code version}. Resolving or closing it records the day.
     */
    record ServiceRequestRequest(Long customerId, Long contactId, String subject, String description,
                                 RequestPriority priority, RequestStatus status, LocalDate dueOn, Integer version) {

        ServiceRequestDraft draft() {
            return new ServiceRequestDraft(customerId, contactId, subject, description, priority, status, dueOn);
        }
    }

    @GetMapping
    @Operation(summary = "Service requests, newest first; q matches the subject or the customer, openOnly keeps the "
            + "open and in-progress ones. updatedSince and afterId narrow it for an incremental sync, in id order")
    PageResult<ServiceRequest> list(@RequestParam(required = false) String q,
                                    @RequestParam(defaultValue = "false") boolean openOnly,
                                    @RequestParam(required = false)
                                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime updatedSince,
                                    @RequestParam(required = false) Long afterId,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        return requests.list(q, openOnly, new SyncWindow(updatedSince, afterId), PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One service request; 404 when it does not exist or the caller may not see it")
    ServiceRequest get(@PathVariable long id) {
        return requests.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a service request for a customer")
    ServiceRequest create(@RequestBody ServiceRequestRequest request) {
        return requests.create(request.draft());
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a request's fields (not its customer); 409 when the version is stale")
    ServiceRequest update(@PathVariable long id, @RequestBody ServiceRequestRequest request) {
        if (request.version() == null) {
            throw InvalidInputException.of("version", "validation.required");
        }
        return requests.update(id, request.version(), request.draft());
    }
}
