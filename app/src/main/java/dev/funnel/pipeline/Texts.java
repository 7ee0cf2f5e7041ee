package dev.funnel.pipeline;

import java.util.Locale;

/** Texts stored in both languages: Chinese for any zh locale, English otherwise. */
final class Texts {

    private Texts() {
    }

    static String pick(Locale locale, String en, String zh) {
        return locale != null && "zh".equals(locale.getLanguage()) && zh != null && !zh.isBlank() ? zh : en;
    }
}
