package dev.funnel.notification.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.notification.Notification;
import dev.funnel.notification.NotificationService;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.KaribuTest;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bell counts unread notifications and updates by itself when one arrives (pushed, not reloaded); its
 * drop-down shows the latest and marks all read; the list opens what a notification is about and marks it read,
 * and the bell follows.
 */
class NotificationBellTest extends KaribuTest {

    @Autowired
    NotificationService notifications;

    @Test
    void the_bell_counts_a_reminder_as_it_arrives_and_the_list_opens_it() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        login(rep.username());
        UI.getCurrent().navigate("tasks");
        NotificationBell bell = _get(NotificationBell.class);
        assertThat(bell.count()).isZero();

        // written elsewhere (a scheduled rule run): the open page hears of it without a reload
        notifications.notify(rep.id(), "notification.rule.no-follow-up", List.of("Acme", "15", "", "", "", ""),
                "follow-ups");
        awaitCount(bell::count, 1);

        // the bell opens the latest; 'see all' leads to the whole list
        bell.latest().setOpened(true);
        bell.showLatest();
        assertThat(_find(bell.latest(), Div.class, spec -> spec.withClasses("funnel-notification-entry unread")))
                .hasSize(1);
        _click(_get(bell.latest(), Button.class, spec -> spec.withText("See all notifications")));
        NotificationsView list = _get(NotificationsView.class);
        @SuppressWarnings("unchecked")
        Grid<Notification> grid = _get(list, Grid.class);
        assertThat(GridKt._get(grid, 0).unread()).isTrue();
        _click((Button) GridKt._getCellComponent(grid, 0, "open"));

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("follow-ups");
        awaitCount(() -> _get(NotificationBell.class).count(), 0);
        assertThat(notifications.mine(true, PageRequest.of(0, 10)).total()).isZero();
    }

    @Test
    void the_drop_down_shows_the_ten_latest_and_marks_all_read_at_once() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        login(rep.username());
        UI.getCurrent().navigate("tasks");
        for (int i = 0; i < 12; i++) {
            notifications.notify(rep.id(), "notification.rule.no-follow-up", List.of("客户" + i, "15"), "customers");
        }
        NotificationBell bell = _get(NotificationBell.class);
        awaitCount(bell::count, 12);

        bell.latest().setOpened(true);
        bell.showLatest();
        assertThat(_find(bell.latest(), Div.class, spec -> spec.withClasses("funnel-notification-entry")))
                .hasSize(10).allMatch(entry -> entry.hasClassName("unread"));
        _click(_get(bell.latest(), Button.class, spec -> spec.withText("Mark all as read")));

        awaitCount(bell::count, 0);
        assertThat(notifications.mine(true, PageRequest.of(0, 20)).total()).isZero();
        assertThat(_find(bell.latest(), Div.class, spec -> spec.withClasses("funnel-notification-entry")))
                .hasSize(10).noneMatch(entry -> entry.hasClassName("unread"));
    }

    /** Runs the UI's pending pushes until the bell shows the count, or fails after a few seconds. */
    private static void awaitCount(IntSupplier shown, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (shown.getAsInt() != expected && System.nanoTime() < deadline) {
            MockVaadin.runUIQueue();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(shown.getAsInt()).isEqualTo(expected);
    }
}
