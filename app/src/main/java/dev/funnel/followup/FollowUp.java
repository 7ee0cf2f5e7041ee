package dev.funnel.followup;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A follow-up record; its owner is the rep who logged it. */
public record FollowUp(long id, FollowUpType type, OffsetDateTime occurredAt, String content, long customerId,
                       Long contactId, Long opportunityId, long ownerId, String ownerName, int version,
                       LocalDate nextFollowUpOn, String customerName) {
}
