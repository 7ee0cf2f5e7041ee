package dev.funnel.activity;

import java.time.OffsetDateTime;

/** What a rep enters to log a follow-up; a null time means now. */
public record ActivityDraft(ActivityType type, OffsetDateTime occurredAt, String content, Long customerId,
                            Long contactId, Long opportunityId) {
}
