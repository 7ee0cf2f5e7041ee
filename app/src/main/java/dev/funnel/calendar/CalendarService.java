package dev.funnel.calendar;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.util.Duration;
import dev.funnel.followup.FollowUp;
import dev.funnel.followup.FollowUpService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.TaskService;
import dev.funnel.platform.Messages;
import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in user's calendar: each open task on its due day and each planned follow-up on its day, as all-day
 * events in the user's language, each linking back to Funnel. Overdue tasks stay on their day, so that a calendar
 * shows what slipped; done and cancelled ones leave it. Follow-ups planned up to a month ago stay too.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class CalendarService {

    /** How far back planned follow-ups stay on the calendar. */
    static final int FOLLOW_UPS_DAYS_BACK = 30;
    /** At most this many follow-ups: a calendar is for the days ahead, not an archive. */
    static final int MOST_FOLLOW_UPS = 500;

    private final TaskService tasks;
    private final FollowUpService followUps;
    private final UserService users;
    private final Messages messages;
    private final Clock clock;
    private final String baseUrl;

    CalendarService(TaskService tasks, FollowUpService followUps, UserService users, Messages messages, Clock clock,
                    @Value("${funnel.base-url:http://localhost:8080}") String baseUrl) {
        this.tasks = tasks;
        this.followUps = followUps;
        this.users = users;
        this.messages = messages;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The full address of a feed's path, as calendar clients are given it: on the configured base URL. */
    public String address(String path) {
        return baseUrl + path;
    }

    /** The calendar as iCalendar text (RFC 5545). */
    public String myCalendar() {
        var me = users.me();
        Locale locale = Messages.supported(Locale.forLanguageTag(me.locale() == null ? "zh-CN" : me.locale()));
        String host = URI.create(baseUrl).getHost();
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//Funnel//Funnel CRM//" + locale.getLanguage().toUpperCase(Locale.ROOT));
        String name = messages.get("calendar.name", locale, me.fullName());
        calendar.setName(name);
        // NAME is the standard's (RFC 7986); Outlook and Google Calendar read the older X-WR-CALNAME
        calendar.setExperimentalProperty("X-WR-CALNAME", name);
        // calendar clients poll; an hour keeps them current without hammering the server
        calendar.setRefreshInterval(new Duration.Builder().hours(1).build());
        calendar.setExperimentalProperty("X-PUBLISHED-TTL", "PT1H");
        Date now = Date.from(clock.instant());
        for (Task task : tasks.mine(Task.Status.OPEN)) {
            String about = task.opportunityName() == null ? ""
                    : messages.get("calendar.task.deal", locale, task.opportunityName());
            calendar.addEvent(allDay("task-" + task.id() + "@" + host, task.dueDate(), now,
                    messages.get("calendar.task", locale, task.title(locale)), about,
                    task.opportunityId() == null ? "tasks" : "opportunities/" + task.opportunityId()));
        }
        LocalDate from = LocalDate.now(clock).minusDays(FOLLOW_UPS_DAYS_BACK);
        for (FollowUp planned : followUps.myPlanned(from, MOST_FOLLOW_UPS)) {
            calendar.addEvent(allDay("follow-up-" + planned.id() + "@" + host, planned.nextFollowUpOn(), now,
                    messages.get("calendar.follow-up", locale, planned.customerName()),
                    messages.get("calendar.follow-up.last", locale, planned.content()),
                    "customers/" + planned.customerId()));
        }
        return Biweekly.write(calendar).go();
    }

    private VEvent allDay(String uid, LocalDate day, Date stamp, String summary, String description, String route) {
        VEvent event = new VEvent();
        event.setUid(uid);
        event.setDateTimeStamp(stamp);
        // a date without a time is an all-day event; the writer formats it in the server's zone, as made here
        event.setDateStart(Date.from(day.atStartOfDay(ZoneId.systemDefault()).toInstant()), false);
        event.setDateEnd(Date.from(day.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant()), false);
        event.setSummary(summary);
        String link = baseUrl + "/" + route;
        event.setDescription(description.isEmpty() ? link : description + "\n" + link);
        event.setUrl(link);
        return event;
    }
}
