package dev.funnel.platform;

import java.util.Locale;

/**
 * The one rule for choosing between texts stored in both languages: Chinese for any zh locale (zh-CN, zh-TW,
 * plain zh), English for everything else, and English when the Chinese text is missing. Bundles, formats, stage
 * names, criteria and report labels all choose through here.
 */
public final class Texts {

    private Texts() {
    }

    public static boolean isChinese(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage());
    }

    public static String pick(Locale locale, String en, String zh) {
        return isChinese(locale) && zh != null && !zh.isBlank() ? zh : en;
    }
}
