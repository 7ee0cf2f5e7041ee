package dev.funnel.support;

import java.time.LocalDate;

/** What a user enters for a service request; a null priority is NORMAL, a null status OPEN. */
public record ServiceRequestDraft(Long customerId, Long contactId, String subject, String description,
                                  RequestPriority priority, RequestStatus status, LocalDate dueOn) {
}
