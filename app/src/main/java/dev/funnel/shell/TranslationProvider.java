package dev.funnel.shell;

import com.vaadin.flow.i18n.I18NProvider;
import dev.funnel.platform.Messages;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Vaadin's view of the message bundles; the browser's language picks between the provided locales. */
@Component
class TranslationProvider implements I18NProvider {

    private final Messages messages;

    TranslationProvider(Messages messages) {
        this.messages = messages;
    }

    @Override
    public List<Locale> getProvidedLocales() {
        return Messages.LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        return messages.get(key, locale, params);
    }
}
