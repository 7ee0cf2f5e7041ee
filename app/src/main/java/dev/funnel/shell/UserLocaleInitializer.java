package dev.funnel.shell;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.funnel.identity.CurrentUserProvider;
import dev.funnel.identity.UserService;
import dev.funnel.platform.Messages;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Opens every new browser tab in the language the user chose last time; before they chose, Vaadin takes the
 * browser's language among the provided locales.
 */
@Component
class UserLocaleInitializer implements VaadinServiceInitListener {

    private final CurrentUserProvider currentUser;
    private final UserService users;

    UserLocaleInitializer(CurrentUserProvider currentUser, UserService users) {
        this.currentUser = currentUser;
        this.users = users;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            if (currentUser.find().isEmpty()) {
                return;
            }
            String stored = users.me().locale();
            if (stored != null) {
                Locale locale = Messages.supported(Locale.forLanguageTag(stored));
                init.getUI().getSession().setLocale(locale);
                init.getUI().setLocale(locale);
            }
        });
    }
}
