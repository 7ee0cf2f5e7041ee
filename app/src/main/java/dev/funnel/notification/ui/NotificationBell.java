package dev.funnel.notification.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import dev.funnel.notification.Notification;
import dev.funnel.notification.NotificationService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.ui.Push;
import dev.funnel.notification.UnreadCounts;
import java.time.ZoneId;
import java.util.List;

/**
 * The bell in the top bar: the number of unread notifications, kept current while the page is open — a reminder
 * fired by a scheduled rule or a notification read in another tab shows at once (Vaadin Push) — and, on a click,
 * the ten latest with 'mark all as read' and a way to the whole list.
 */
public class NotificationBell extends Button {

    private final NotificationService notifications;
    private final UnreadCounts unreadCounts;
    private final long userId;
    /** How many the drop-down shows. */
    private static final int LATEST = 10;

    private final Span badge = new Span();
    private final Popover latest = new Popover();
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
        latest.setTarget(this);
        latest.setPosition(PopoverPosition.BOTTOM_END);
        latest.addClassName("funnel-notification-popover");
        latest.setWidth("24rem");
        latest.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                showLatest();
            }
        });
    }

    /** The drop-down: the ten latest, unread ones marked, each leading where it is about; read all; see all. */
    void showLatest() {
        latest.removeAll();
        List<Notification> items = notifications.mine(false, PageRequest.of(0, LATEST)).items();
        Div list = new Div();
        list.addClassName("funnel-notification-list");
        if (items.isEmpty()) {
            Span empty = new Span(getTranslation("notification.empty"));
            empty.addClassName("funnel-empty-state");
            list.add(empty);
        }
        for (Notification notification : items) {
            list.add(entry(notification));
        }
        Button readAll = new Button(getTranslation("notification.read-all"), e -> {
            notifications.markAllRead();
            showLatest();
        });
        readAll.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        readAll.setEnabled(items.stream().anyMatch(Notification::unread));
        Button all = new Button(getTranslation("notification.see-all"), e -> {
            latest.close();
            getUI().ifPresent(ui -> ui.navigate("notifications"));
        });
        all.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        HorizontalLayout actions = new HorizontalLayout(readAll, all);
        actions.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        actions.setWidthFull();
        latest.add(list, actions);
    }

    private Div entry(Notification notification) {
        Span text = new Span(getTranslation(notification.messageKey(), notification.arguments().toArray()));
        Span when = new Span(Formats.dateTime(notification.createdAt(), ZoneId.systemDefault(), getLocale()));
        when.addClassName("funnel-guide-note");
        Div entry = new Div(text, when);
        entry.addClassName("funnel-notification-entry");
        if (notification.unread()) {
            entry.addClassName("unread");
        }
        entry.addClickListener(e -> {
            notifications.markRead(notification.id());
            latest.close();
            if (notification.link() != null) {
                getUI().ifPresent(ui -> ui.navigate(notification.link()));
            }
        });
        return entry;
    }

    /** The drop-down, for tests. */
    Popover latest() {
        return latest;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        show(notifications.unreadCount());
        UI ui = attachEvent.getUI();
        unsubscribe = unreadCounts.subscribe(userId, count -> Push.access(ui, () -> show(count)));
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
