package dev.funnel.platform;

import java.text.MessageFormat;
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
        return locale != null && "zh".equals(locale.getLanguage()) ? CHINESE : ENGLISH;
    }

    public String get(String key, Locale locale, Object... arguments) {
        Locale supported = supported(locale);
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, supported == ENGLISH ? Locale.ROOT : supported,
                NO_FALLBACK);
        try {
            String pattern = bundle.getString(key);
            return arguments.length == 0 ? pattern : new MessageFormat(pattern, supported).format(arguments);
        } catch (MissingResourceException e) {
            log.warn("Missing translation '{}' for {}", key, supported);
            return "!" + key;
        }
    }

    public String get(FieldProblem problem, Locale locale) {
        return get(problem.messageKey(), locale, problem.arguments().toArray());
    }
}
