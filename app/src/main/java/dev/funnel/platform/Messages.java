package dev.funnel.platform;

import java.math.BigDecimal;
import java.text.DateFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The message bundles ({@code i18n/messages.properties}, English, and {@code i18n/messages_zh_CN.properties}),
 * for the UI and for the API's error messages alike. A missing key shows as {@code !key} and is logged, never
 * silently replaced by another language.
 */
@Component
public class Messages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> LOCALES = List.of(CHINESE, ENGLISH);

    private static final Logger log = LoggerFactory.getLogger(Messages.class);
    private static final String BUNDLE = "i18n/messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** Chinese for any zh locale, English for everything else. */
    public static Locale supported(Locale locale) {
        return Texts.isChinese(locale) ? CHINESE : ENGLISH;
    }

    public String get(String key, Locale locale, Object... arguments) {
        Locale supported = supported(locale);
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, supported.equals(ENGLISH) ? Locale.ROOT : supported,
                NO_FALLBACK);
        try {
            String pattern = bundle.getString(key);
            if (arguments.length == 0) {
                return pattern;
            }
            MessageFormat format = new MessageFormat(pattern, supported);
            return format.format(typed(format, arguments));
        } catch (MissingResourceException e) {
            log.warn("Missing translation '{}' for {}", key, supported);
            return "!" + key;
        }
    }

    /**
     * Arguments stored as text (a notification keeps its arguments as strings) take the type the message asks
     * for: a number where it counts ({@code {4,choice,1#1 day|1<{4} days}}), a date where it formats one
     * ({@code {3,date,long}}, from an ISO date), so plurals and dates read right in each language.
     */
    private static Object[] typed(MessageFormat format, Object[] arguments) {
        Format[] formats = format.getFormatsByArgumentIndex();
        Object[] typed = arguments.clone();
        for (int i = 0; i < Math.min(formats.length, typed.length); i++) {
            if (!(typed[i] instanceof String text) || formats[i] == null) {
                continue;
            }
            try {
                if (formats[i] instanceof NumberFormat) {
                    typed[i] = new BigDecimal(text.trim());
                } else if (formats[i] instanceof DateFormat) {
                    typed[i] = Date.from(LocalDate.parse(text.trim()).atStartOfDay(ZoneId.systemDefault()).toInstant());
                }
            } catch (NumberFormatException | DateTimeParseException notOfThatType) {
                // shown as it is: a message never fails for an argument of an unexpected shape
                format.setFormatByArgumentIndex(i, null);
            }
        }
        return typed;
    }

    /** Whether the bundle of the locale has the key, for text that is shown only when it exists. */
    public static boolean has(String key, Locale locale) {
        Locale supported = supported(locale);
        return ResourceBundle.getBundle(BUNDLE, supported.equals(ENGLISH) ? Locale.ROOT : supported, NO_FALLBACK)
                .containsKey(key);
    }

    public String get(FieldProblem problem, Locale locale) {
        return get(problem.messageKey(), locale, problem.arguments().toArray());
    }
}
