package dev.funnel.pipeline;

import java.util.Locale;

/** An open stage of a pipeline; {@code probability} is the default win probability in whole percent. */
public record Stage(long id, long pipelineId, int position, String nameEn, String nameZh, int probability) {

    public String name(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
