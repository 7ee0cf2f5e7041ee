package dev.funnel.calendar.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.calendar.CalendarService;
import dev.funnel.identity.CalendarFeed;
import dev.funnel.identity.CalendarFeedService;
import dev.funnel.identity.IssuedCalendarFeed;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The signed-in user's calendar feed (日历订阅): make a private address to subscribe to, see whether a calendar
 * still reads it, replace it when it leaks, or stop it.
 */
@Route("me/calendar")
@PermitAll
public class CalendarFeedView extends VerticalLayout implements HasDynamicTitle {

    private final CalendarFeedService feeds;
    private final CalendarService calendars;
    private final Clock clock;
    final Paragraph state = new Paragraph();
    final Button issue = new Button();
    final Button revoke = new Button();

    public CalendarFeedView(CalendarFeedService feeds, CalendarService calendars, Clock clock) {
        this.feeds = feeds;
        this.calendars = calendars;
        this.clock = clock;
        addClassName("funnel-calendar-feed");
        H2 title = new H2(getTranslation("calendar.title"));
        title.addClassName("funnel-view-title");
        Paragraph explain = new Paragraph(getTranslation("calendar.explain"));
        explain.addClassName("funnel-fact");
        explain.setMaxWidth("44rem");
        state.setId("calendar-state");
        issue.setId("calendar-issue");
        issue.setIcon(VaadinIcon.CALENDAR.create());
        issue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        issue.addClickListener(e -> confirmIssue());
        revoke.setId("calendar-revoke");
        revoke.setText(getTranslation("calendar.revoke"));
        revoke.setIcon(VaadinIcon.BAN.create());
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
        revoke.addClickListener(e -> confirmRevoke());
        HorizontalLayout actions = new HorizontalLayout(issue, revoke);
        actions.setWrap(true);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(title, explain, state, actions);
        refresh();
    }

    void refresh() {
        Optional<CalendarFeed> mine = feeds.mine();
        state.setText(mine.map(f -> getTranslation("calendar.active", time(f.createdAt()),
                        f.lastUsedAt() == null ? getTranslation("calendar.never-used")
                                : getTranslation("calendar.last-used", time(f.lastUsedAt()), f.lastUsedFrom())))
                .orElse(getTranslation("calendar.none")));
        issue.setText(getTranslation(mine.isPresent() ? "calendar.reissue" : "calendar.issue"));
        revoke.setVisible(mine.isPresent());
    }

    void confirmIssue() {
        AtomicReference<IssuedCalendarFeed> issued = new AtomicReference<>();
        if (feeds.mine().isEmpty()) {
            issued.set(feeds.issue());
            refresh();
            showAddress(issued.get());
            return;
        }
        FormDialogs.open(getTranslation("calendar.reissue"), new Paragraph(getTranslation("calendar.reissue.confirm")),
                new FieldErrors(this), getTranslation("calendar.reissue"), () -> issued.set(feeds.issue()), () -> {
                    refresh();
                    showAddress(issued.get());
                });
    }

    /** The address, once: only its hash is kept. */
    void showAddress(IssuedCalendarFeed issued) {
        dev.funnel.platform.ui.ShownOnce.open(this, "calendar-address-dialog", getTranslation("calendar.title"),
                calendars.address(issued.path()), getTranslation("calendar.address.once"),
                getTranslation("calendar.usage"));
    }

    void confirmRevoke() {
        FormDialogs.open(getTranslation("calendar.revoke"), new Div(new Paragraph(getTranslation(
                        "calendar.revoke.confirm"))), new FieldErrors(this), getTranslation("calendar.revoke"),
                feeds::revoke, this::refresh);
    }

    private String time(Instant instant) {
        return Formats.dateTime(OffsetDateTime.ofInstant(instant, clock.getZone()), clock.getZone(), getLocale());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("calendar.title") + " · " + getTranslation("app.name");
    }
}
