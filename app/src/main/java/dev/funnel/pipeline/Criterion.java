package dev.funnel.pipeline;

import dev.funnel.platform.Texts;
import dev.funnel.plugin.api.OpportunityField;
import java.util.Locale;

/**
 * An exit criterion of a stage: a checklist item a person confirms, or, when {@code requiredField} is set, a
 * field of the opportunity that must be filled.
 */
public record Criterion(long id, long stageId, int position, String textEn, String textZh,
                        OpportunityField requiredField) {

    public boolean isChecklistItem() {
        return requiredField == null;
    }

    public String text(Locale locale) {
        return Texts.pick(locale, textEn, textZh);
    }
}
