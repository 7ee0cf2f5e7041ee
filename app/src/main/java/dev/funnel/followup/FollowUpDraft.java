package dev.funnel.followup;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** What a rep enters to log a follow-up; a null time means now. The next follow-up date is optional. */
public record FollowUpDraft(FollowUpType type, OffsetDateTime occurredAt, String content, Long customerId,
                            Long contactId, Long opportunityId, LocalDate nextFollowUpOn) {

    public FollowUpDraft(FollowUpType type, OffsetDateTime occurredAt, String content, Long customerId,
                         Long contactId, Long opportunityId) {
        this(type, occurredAt, content, customerId, contactId, opportunityId, null);
    }
}
