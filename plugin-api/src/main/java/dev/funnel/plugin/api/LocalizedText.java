package dev.funnel.plugin.api;

import java.util.Locale;
import java.util.Objects;

/**
 * A text in the two languages Funnel ships: English and Simplified Chinese.
 *
 * @param en the English text, never blank
 * @param zh the Simplified Chinese text, never blank
 * @since 1.0.0
 */
public record LocalizedText(String en, String zh) {

    /** @since 1.0.0 */
    public LocalizedText {
        requireText(en, "en");
        requireText(zh, "zh");
    }

    /** Shorthand for {@code new LocalizedText(en, zh)}. @since 1.0.0 */
    public static LocalizedText of(String en, String zh) {
        return new LocalizedText(en, zh);
    }

    /**
     * The text for a locale: Chinese for any {@code zh} locale, English otherwise.
     *
     * @since 1.0.0
     */
    public String in(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? zh : en;
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("LocalizedText." + name + " must not be blank");
        }
    }
}
