package dev.funnel.pipeline;

import java.time.OffsetDateTime;

/** An exit criterion of the current stage with whether it is met and, for a checklist item, who confirmed it when. */
public record CriterionStatus(Criterion criterion, boolean met, Long confirmedBy, String confirmedByName,
                              OffsetDateTime confirmedAt) {
}
