package dev.funnel.plugin.api;

import java.util.List;
import java.util.Objects;

/**
 * One open stage of a stage template. Won and Lost are not listed: every pipeline ends in them.
 *
 * @param key a stable identifier within the template, for example {@code needs-confirmation}
 * @param name the stage's name
 * @param probability the default win probability in percent, 0 to 100
 * @param forecastCategory how open opportunities in this stage count in the forecast
 * @param stalledAfterDays an opportunity longer than this in the stage is stalled (1 or more)
 * @param exitCriteria what must be true to leave the stage
 * @param keyActivities the key selling activities of the stage
 * @since 1.0.0
 */
public record StageDefinition(String key, LocalizedText name, int probability, ForecastCategory forecastCategory,
                              int stalledAfterDays, List<ExitCriterion> exitCriteria,
                              List<KeyActivity> keyActivities) {

    /** @since 1.0.0 */
    public StageDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(forecastCategory, "forecastCategory");
        if (probability < 0 || probability > 100) {
            throw new IllegalArgumentException("StageDefinition.probability must be 0..100, was " + probability);
        }
        if (stalledAfterDays < 1) {
            throw new IllegalArgumentException("StageDefinition.stalledAfterDays must be 1 or more, was " + stalledAfterDays);
        }
        exitCriteria = List.copyOf(exitCriteria);
        keyActivities = List.copyOf(keyActivities);
    }
}
