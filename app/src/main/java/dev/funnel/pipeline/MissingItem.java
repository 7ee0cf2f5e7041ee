package dev.funnel.pipeline;

import dev.funnel.platform.Texts;
import dev.funnel.plugin.api.OpportunityField;
import java.util.Locale;

/**
 * One thing that keeps an opportunity from leaving a stage: an unconfirmed checklist item, an empty required
 * field, or an open required task. It carries its own text in both languages so that the UI and the API can say
 * exactly what is missing.
 */
public record MissingItem(Kind kind, long stageId, Long criterionId, Long taskId, OpportunityField field,
                          String textEn, String textZh) {

    /** What kind of condition is unmet. */
    public enum Kind {
        CHECKLIST,
        FIELD,
        TASK
    }

    public String text(Locale locale) {
        return Texts.pick(locale, textEn, textZh);
    }
}
