package dev.funnel.pipeline;

import dev.funnel.platform.Texts;
import dev.funnel.plugin.api.ForecastCategory;
import java.util.List;
import java.util.Locale;

/**
 * An open stage of a pipeline: its default win probability in whole percent, how it counts in the forecast,
 * after how many days a deal in it is stalled, what must be true to leave it, and its key selling activities.
 */
public record Stage(long id, long pipelineId, int position, String nameEn, String nameZh, int probability,
                    ForecastCategory forecastCategory, int stalledAfterDays, List<Criterion> exitCriteria,
                    List<KeyActivity> keyActivities, int version) {

    public Stage {
        exitCriteria = List.copyOf(exitCriteria);
        keyActivities = List.copyOf(keyActivities);
    }

    public String name(Locale locale) {
        return Texts.pick(locale, nameEn, nameZh);
    }
}
