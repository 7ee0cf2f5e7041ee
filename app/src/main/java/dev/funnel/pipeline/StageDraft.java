package dev.funnel.pipeline;

import dev.funnel.plugin.api.AssigneeRole;
import dev.funnel.plugin.api.ForecastCategory;
import dev.funnel.plugin.api.OpportunityField;
import java.util.List;

/**
 * An administrator's edit of a stage. Criteria and key activities carry their id when they already exist, so
 * that confirmations and tasks stay attached to what they were about; those left out are removed.
 */
public record StageDraft(String nameEn, String nameZh, int probability, ForecastCategory forecastCategory,
                         int stalledAfterDays, List<CriterionDraft> exitCriteria, List<KeyActivityDraft> keyActivities) {

    public StageDraft {
        forecastCategory = forecastCategory == null ? ForecastCategory.PIPELINE : forecastCategory;
        exitCriteria = exitCriteria == null ? List.of() : List.copyOf(exitCriteria);
        keyActivities = keyActivities == null ? List.of() : List.copyOf(keyActivities);
    }

    public static StageDraft of(Stage stage) {
        return new StageDraft(stage.nameEn(), stage.nameZh(), stage.probability(), stage.forecastCategory(),
                stage.stalledAfterDays(),
                stage.exitCriteria().stream().map(c -> new CriterionDraft(c.id(), c.textEn(), c.textZh(),
                        c.requiredField())).toList(),
                stage.keyActivities().stream().map(a -> new KeyActivityDraft(a.id(), a.titleEn(), a.titleZh(),
                        a.guidanceEn(), a.guidanceZh(), a.dueDays(), a.assignee(), a.required())).toList());
    }

    /** An exit criterion; {@code id} null for a new one, {@code requiredField} null for a checklist item. */
    public record CriterionDraft(Long id, String textEn, String textZh, OpportunityField requiredField) {
    }

    /** A key activity; {@code id} null for a new one. */
    public record KeyActivityDraft(Long id, String titleEn, String titleZh, String guidanceEn, String guidanceZh,
                                   int dueDays, AssigneeRole assignee, boolean required) {
    }
}
