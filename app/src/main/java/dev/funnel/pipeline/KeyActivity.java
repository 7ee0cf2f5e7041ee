package dev.funnel.pipeline;

import dev.funnel.platform.Texts;
import dev.funnel.plugin.api.AssigneeRole;
import java.util.Locale;

/** A key selling activity of a stage; it becomes a task, due {@code dueDays} after the deal enters the stage. */
public record KeyActivity(long id, long stageId, int position, String titleEn, String titleZh, String guidanceEn,
                          String guidanceZh, int dueDays, AssigneeRole assignee, boolean required) {

    public String title(Locale locale) {
        return Texts.pick(locale, titleEn, titleZh);
    }

    public String guidance(Locale locale) {
        return Texts.pick(locale, guidanceEn, guidanceZh);
    }
}
