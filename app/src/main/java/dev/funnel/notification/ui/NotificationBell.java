package dev.funnel.notification.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.funnel.notification.NotificationService;
import dev.funnel.notification.UnreadCounts;

/**
 * The bell in the top bar: the number of unread notifications, kept current while the page is open — a reminder
 * fired by a scheduled rule or a notification read in another tab shows at once (Vaadin Push) — and a way to the
 * list.
 */
public class NotificationBell extends Button {

    private final NotificationService notifications;
    private final UnreadCounts unreadCounts;
    private final long userId;
    private final Span badge = new Span();
    private Runnable unsubscribe;

    public NotificationBell(NotificationService notifications, UnreadCounts unreadCounts, long userId) {
        this.notifications = notifications;
        this.unreadCounts = unreadCounts;
        this.userId = userId;
        setId("notification-bell");
        setIcon(VaadinIcon.BELL.create());
        addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        badge.getElement().getThemeList().add("badge error pill small primary");
        badge.setId("notification-count");
        setSuffixComponent(badge);
        addClickListener(e -> getUI().ifPresent(ui -> ui.navigate("notifications")));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        show(notifications.unreadCount());
        UI ui = attachEvent.getUI();
        unsubscribe = unreadCounts.subscribe(userId, count -> ui.access(() -> show(count)));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
        super.onDetach(detachEvent);
    }

    /** The number shown; none at zero. */
    public int count() {
        return badge.isVisible() ? Integer.parseInt(badge.getText()) : 0;
    }

    private void show(int count) {
        badge.setText(Integer.toString(count));
        badge.setVisible(count > 0);
        String label = getTranslation("notification.bell", count);
        getElement().setAttribute("aria-label", label);
        getElement().setAttribute("title", label);
    }
}
