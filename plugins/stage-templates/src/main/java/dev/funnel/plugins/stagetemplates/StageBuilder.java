package dev.funnel.plugins.stagetemplates;

import dev.funnel.plugin.api.AssigneeRole;
import dev.funnel.plugin.api.ExitCriterion;
import dev.funnel.plugin.api.ForecastCategory;
import dev.funnel.plugin.api.KeyActivity;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.OpportunityField;
import dev.funnel.plugin.api.StageDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one stage's exit criteria and key activities so that each stage of a template reads as a few lines.
 * Every text is given as an English and Chinese pair, English first.
 */
final class StageBuilder {

    private final String key;
    private final LocalizedText name;
    private final int probability;
    private final ForecastCategory forecastCategory;
    private final int stalledAfterDays;
    private final List<ExitCriterion> exitCriteria = new ArrayList<>();
    private final List<KeyActivity> keyActivities = new ArrayList<>();

    private StageBuilder(String key, LocalizedText name, int probability, ForecastCategory forecastCategory,
                         int stalledAfterDays) {
        this.key = key;
        this.name = name;
        this.probability = probability;
        this.forecastCategory = forecastCategory;
        this.stalledAfterDays = stalledAfterDays;
    }

    /** Starts a stage: its key, name, default win probability, forecast category and days until stalled. */
    static StageBuilder stage(String key, String en, String zh, int probability, ForecastCategory category,
                              int stalledAfterDays) {
        return new StageBuilder(key, LocalizedText.of(en, zh), probability, category, stalledAfterDays);
    }

    /** Adds a checklist item a person confirms. */
    StageBuilder exit(String en, String zh) {
        return exit(ExitCriterion.checklist(en, zh));
    }

    /** Adds a field that must be filled. */
    StageBuilder exit(OpportunityField field, String en, String zh) {
        return exit(ExitCriterion.requires(field, en, zh));
    }

    StageBuilder exit(ExitCriterion criterion) {
        exitCriteria.add(criterion);
        return this;
    }

    /** Adds a key activity that must be done before the opportunity may leave the stage. */
    StageBuilder required(AssigneeRole assignee, int dueDays, String titleEn, String titleZh,
                          String guidanceEn, String guidanceZh) {
        return activity(activity(assignee, dueDays, true, titleEn, titleZh, guidanceEn, guidanceZh));
    }

    /** Adds a recommended key activity that does not block leaving the stage. */
    StageBuilder optional(AssigneeRole assignee, int dueDays, String titleEn, String titleZh,
                          String guidanceEn, String guidanceZh) {
        return activity(activity(assignee, dueDays, false, titleEn, titleZh, guidanceEn, guidanceZh));
    }

    StageBuilder activity(KeyActivity activity) {
        keyActivities.add(activity);
        return this;
    }

    static KeyActivity activity(AssigneeRole assignee, int dueDays, boolean required, String titleEn,
                                String titleZh, String guidanceEn, String guidanceZh) {
        return new KeyActivity(LocalizedText.of(titleEn, titleZh), LocalizedText.of(guidanceEn, guidanceZh),
                dueDays, assignee, required);
    }

    StageDefinition build() {
        return new StageDefinition(key, name, probability, forecastCategory, stalledAfterDays, exitCriteria,
                keyActivities);
    }
}
