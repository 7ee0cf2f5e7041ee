package dev.funnel.review;

import java.time.LocalDate;

/**
 * A review to start: the team, the period's length and any day in it (the period is the week or month holding that
 * day), and the pipeline (null: the default one).
 */
public record NewReview(Long teamId, ReviewPeriod period, LocalDate day, Long pipelineId) {
}
