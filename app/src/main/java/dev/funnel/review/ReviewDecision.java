package dev.funnel.review;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A decision of a review, with the task it became and that task's state now (null when the caller may not see the
 * task).
 */
public record ReviewDecision(long id, Long opportunityId, String opportunityName, String text, long ownerId,
                             String ownerName, LocalDate dueDate, long taskId, String taskStatus,
                             OffsetDateTime doneAt, OffsetDateTime createdAt) {
}
