package dev.funnel.notification.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.notification.Notification;
import dev.funnel.notification.NotificationService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.PagedGrids;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;

/** The user's notifications, newest first; opening one marks it read and goes where it leads. */
@Route("notifications")
@PermitAll
public class NotificationsView extends VerticalLayout implements HasDynamicTitle {

    private final NotificationService notifications;
    private final Grid<Notification> grid = new Grid<>();

    public NotificationsView(NotificationService notifications) {
        this.notifications = notifications;
        setSizeFull();
        H2 title = new H2(getTranslation("nav.notifications"));
        title.addClassName("funnel-view-title");
        add(new HorizontalLayout(title));
        grid.addColumn(n -> Formats.dateTime(n.createdAt(), ZoneId.systemDefault(), getLocale()))
                .setHeader(getTranslation("notification.when")).setAutoWidth(true);
        grid.addColumn(n -> getTranslation(n.messageKey(), n.arguments().toArray()))
                .setHeader(getTranslation("notification.what")).setFlexGrow(4);
        grid.addComponentColumn(this::open).setKey("open").setAutoWidth(true);
        grid.setPartNameGenerator(n -> n.unread() ? "funnel-unread" : null);
        Span empty = new Span(getTranslation("notification.empty"));
        empty.addClassName("funnel-empty-state");
        PagedGrids.lazy(grid, empty, page -> notifications.mine(false, page).items(),
                () -> notifications.mine(false, dev.funnel.platform.PageRequest.of(0, 1)).total());
        add(empty, grid);
        expand(grid);
    }

    private Button open(Notification notification) {
        Button open = new Button(getTranslation(notification.unread() ? "notification.open" : "notification.seen"),
                e -> {
                    notifications.markRead(notification.id());
                    if (notification.link() != null) {
                        UI.getCurrent().navigate(notification.link());
                    } else {
                        grid.getDataProvider().refreshAll();
                    }
                });
        open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return open;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.notifications") + " · " + getTranslation("app.name");
    }
}
