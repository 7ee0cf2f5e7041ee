package dev.funnel.review;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A review in the list of reviews. */
public record ReviewSummary(long id, long teamId, String teamName, long pipelineId, ReviewPeriod period,
                            LocalDate periodStart, LocalDate periodEnd, Review.Status status, String createdByName,
                            OffsetDateTime closedAt, int notes, int decisions) {
}
