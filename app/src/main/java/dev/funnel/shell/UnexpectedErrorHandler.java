package dev.funnel.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.funnel.platform.DatabaseOutage;
import dev.funnel.platform.ui.Push;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What forms do not handle themselves (a defect, a lost database connection) is logged in full and told to the
 * user in their language, never swallowed and never shown as a stack trace.
 */
@Component
class UnexpectedErrorHandler implements VaadinServiceInitListener, ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        boolean outage = DatabaseOutage.causedBy(event.getThrowable());
        if (outage) {
            log.warn("The database cannot be reached: {}", event.getThrowable().getMessage());
        } else {
            log.error("Unexpected error in the UI", event.getThrowable());
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            Push.access(ui, () -> {
                Notification notification = Notification.show(ui.getTranslation(outage
                        ? "error.database-unavailable" : "error.unexpected"), 8000, Notification.Position.MIDDLE);
                notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
            });
        }
    }
}
