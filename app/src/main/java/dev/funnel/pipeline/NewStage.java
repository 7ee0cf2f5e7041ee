package dev.funnel.pipeline;

import dev.funnel.plugin.api.AssigneeRole;
import dev.funnel.plugin.api.ForecastCategory;
import dev.funnel.plugin.api.OpportunityField;
import java.util.List;

/** A stage to create, in order, with its exit criteria and key activities. */
public record NewStage(String nameEn, String nameZh, int probability, ForecastCategory forecastCategory,
                       int stalledAfterDays, List<NewCriterion> exitCriteria, List<NewKeyActivity> keyActivities) {

    public NewStage {
        forecastCategory = forecastCategory == null ? ForecastCategory.PIPELINE : forecastCategory;
        exitCriteria = exitCriteria == null ? List.of() : List.copyOf(exitCriteria);
        keyActivities = keyActivities == null ? List.of() : List.copyOf(keyActivities);
    }

    /** A plain stage: pipeline forecast category, stalled after 30 days, no criteria and no activities. */
    public NewStage(String nameEn, String nameZh, int probability) {
        this(nameEn, nameZh, probability, ForecastCategory.PIPELINE, 30, List.of(), List.of());
    }

    /** An exit criterion to create; {@code requiredField} null for a checklist item. */
    public record NewCriterion(String textEn, String textZh, OpportunityField requiredField) {
    }

    /** A key activity to create. */
    public record NewKeyActivity(String titleEn, String titleZh, String guidanceEn, String guidanceZh, int dueDays,
                                 AssigneeRole assignee, boolean required) {
    }
}
