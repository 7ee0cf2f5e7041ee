package dev.funnel.pipeline;

import dev.funnel.platform.Texts;
import java.util.Locale;

/** An entry of a configurable list (a lead source, a lost reason) with its label in both languages. */
public record Choice(String kind, String code, String labelEn, String labelZh) {

    public static final String LEAD_SOURCE = "LEAD_SOURCE";
    public static final String LOST_REASON = "LOST_REASON";

    public String label(Locale locale) {
        return Texts.pick(locale, labelEn, labelZh);
    }
}
