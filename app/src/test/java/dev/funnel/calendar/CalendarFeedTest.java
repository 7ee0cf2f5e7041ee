package dev.funnel.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.funnel.customer.Customer;
import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.identity.CalendarFeedService;
import dev.funnel.identity.IssuedCalendarFeed;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.TaskService;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A private calendar address serves its owner's open tasks and planned follow-ups as iCalendar, read back here with
 * ical4j (another library than the one that writes it); a new address or a stop ends the old one at once.
 */
class CalendarFeedTest extends IntegrationTest {

    @Autowired
    MockMvc http;

    @Autowired
    CalendarFeedService feeds;

    @Autowired
    TaskService tasks;

    @Autowired
    FollowUpService followUps;

    @Autowired
    UserService users;

    private MockHttpServletResponse read(String path) throws Exception {
        return http.perform(get(path)).andReturn().getResponse();
    }

    /** Each event's summary with its start, as the calendar a client subscribes to shows them. */
    private static Map<String, String> events(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        return events.stream().collect(Collectors.toMap(
                e -> e.<Property>getProperty(Property.SUMMARY).orElseThrow().getValue(),
                e -> e.<Property>getProperty(Property.DTSTART).orElseThrow().getValue()));
    }

    private static String basic(LocalDate day) {
        return day.toString().replace("-", "");
    }

    @Test
    void a_rep_subscribes_to_their_tasks_and_planned_follow_ups_and_nobody_elses() throws Exception {
        var company = data.organisation();
        UserSummary rep = company.eastRep();
        LocalDate today = LocalDate.now(clock);
        Opportunity deal = data.opportunityOf(rep, data.pipeline());
        String title = TestData.unique("Send the proposal");
        data.as(rep.username(), () -> {
            users.changeLanguage(Locale.ENGLISH);
            return tasks.give(deal.id(), title, rep.id(), today.plusDays(4));
        });
        Customer planned = data.customerOf(rep);
        Customer replanned = data.customerOf(rep);
        data.as(rep.username(), () -> {
            followUps.log(new FollowUpDraft(FollowUpType.CALL, OffsetDateTime.now(clock).minusHours(2), "报价已发",
                    planned.id(), null, null, today.plusDays(2)));
            followUps.log(new FollowUpDraft(FollowUpType.CALL, OffsetDateTime.now(clock).minusHours(3), "约了演示",
                    replanned.id(), null, null, today.plusDays(1)));
            // the demo took place: the newer follow-up names no next date, so the old plan is done
            return followUps.log(new FollowUpDraft(FollowUpType.VISIT, OffsetDateTime.now(clock).minusHours(1),
                    "演示完成", replanned.id(), null, null, null));
        });
        String othersTitle = TestData.unique("West task");
        data.as(company.westRep().username(), () -> tasks.give(null, othersTitle, company.westRep().id(),
                today.plusDays(1)));

        IssuedCalendarFeed issued = data.as(rep.username(), feeds::issue);
        MockHttpServletResponse response = read(issued.path());
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/calendar");
        Map<String, String> events = events(response.getContentAsString());
        assertThat(events).containsEntry("Task: " + title, basic(today.plusDays(4)))
                .containsEntry("Follow up: " + planned.name(), basic(today.plusDays(2)))
                .doesNotContainKey("Follow up: " + replanned.name())
                .doesNotContainKey("Task: " + othersTitle);
        assertThat(response.getContentAsString()).contains("/opportunities/" + deal.id());
        assertThat(data.as(rep.username(), feeds::mine)).hasValueSatisfying(f ->
                assertThat(f.lastUsedAt()).isNotNull());

        // in the rep's own language
        data.as(rep.username(), () -> {
            users.changeLanguage(Locale.SIMPLIFIED_CHINESE);
            return null;
        });
        assertThat(events(read(issued.path()).getContentAsString())).containsKey("任务：" + title)
                .containsKey("跟进：" + planned.name());

        // a new address ends the old one at once; a stop ends the new one
        IssuedCalendarFeed again = data.as(rep.username(), feeds::issue);
        assertThat(read(issued.path()).getStatus()).isEqualTo(404);
        assertThat(read(again.path()).getStatus()).isEqualTo(200);
        data.as(rep.username(), () -> {
            feeds.revoke();
            return null;
        });
        assertThat(read(again.path()).getStatus()).isEqualTo(404);
        assertThat(data.as(rep.username(), feeds::mine)).isEmpty();
        assertThat(read("/calendar/guessed-secret.ics").getStatus()).isEqualTo(404);
        assertThat(read("/calendar/").getStatus()).isEqualTo(404);
    }
}
