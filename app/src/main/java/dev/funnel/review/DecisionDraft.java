package dev.funnel.review;

import java.time.LocalDate;

/** A decision to record: what, who does it and by when, optionally about one deal. It becomes their task. */
public record DecisionDraft(String text, Long ownerId, LocalDate dueDate, Long opportunityId) {
}
