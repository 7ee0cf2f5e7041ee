package dev.funnel.support;

import java.time.LocalDate;

/** A customer's service request; seen by whoever sees the customer. */
public record ServiceRequest(long id, long customerId, String customerName, Long contactId, String subject,
                             String description, RequestPriority priority, RequestStatus status, LocalDate openedOn,
                             LocalDate dueOn, LocalDate resolvedOn, long ownerId, String ownerName, int version) {
}
