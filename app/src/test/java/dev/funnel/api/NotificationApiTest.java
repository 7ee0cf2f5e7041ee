package dev.funnel.api;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.notification.NotificationService;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** A user reads their own notifications over REST, in their language, and marks them read; no one else's. */
class NotificationApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;
    @Autowired
    NotificationService notifications;

    @Test
    void a_user_lists_marks_and_filters_their_own_notifications() throws Exception {
        UserSummary rep = data.user(Role.SALES_REP, null);
        UserSummary other = data.user(Role.SALES_REP, null);
        notifications.notify(rep.id(), "notification.rule.no-follow-up", List.of("Acme", "15", "2026-11-01", "",
                "", ""), "customers/7");
        notifications.notify(rep.id(), "notification.rule.no-follow-up", List.of("Globex", "20", "", "", "", ""),
                "customers/8");

        String body = http.perform(get("/api/v1/notifications").header("Accept-Language", "zh-CN")
                        .with(httpBasic(rep.username(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total", is(2)))
                .andExpect(jsonPath("$.items[0].text", is("客户 Globex 已 20 天未跟进")))
                .andExpect(jsonPath("$.items[0].link", is("customers/8")))
                .andExpect(jsonPath("$.items[0].unread", is(true)))
                .andReturn().getResponse().getContentAsString();
        int newest = JsonPath.read(body, "$.items[0].id");

        http.perform(post("/api/v1/notifications/" + newest + "/read").with(httpBasic(other.username(),
                        TestData.PASSWORD)))
                .andExpect(status().isNotFound());
        http.perform(post("/api/v1/notifications/" + newest + "/read").with(httpBasic(rep.username(),
                        TestData.PASSWORD)))
                .andExpect(status().isNoContent());

        http.perform(get("/api/v1/notifications").param("unread", "true").header("Accept-Language", "en")
                        .with(httpBasic(rep.username(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total", is(1)))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].text", is("Acme has had no follow-up for 15 days")));
        http.perform(get("/api/v1/notifications").with(httpBasic(other.username(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total", is(0)));
    }

    @Test
    void read_all_marks_every_notification_of_the_caller_and_no_one_elses() throws Exception {
        UserSummary rep = data.user(Role.SALES_REP, null);
        UserSummary other = data.user(Role.SALES_REP, null);
        for (String customer : List.of("Acme", "Globex", "Initech")) {
            notifications.notify(rep.id(), "notification.rule.no-follow-up", List.of(customer, "15"), "customers");
        }
        notifications.notify(other.id(), "notification.rule.no-follow-up", List.of("Umbrella", "15"), "customers");

        http.perform(post("/api/v1/notifications/read-all").with(httpBasic(rep.username(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.marked", is(3)));
        http.perform(post("/api/v1/notifications/read-all").with(httpBasic(rep.username(), TestData.PASSWORD)))
                .andExpect(jsonPath("$.marked", is(0)));

        http.perform(get("/api/v1/notifications").param("unread", "true")
                        .with(httpBasic(rep.username(), TestData.PASSWORD)))
                .andExpect(jsonPath("$.total", is(0)));
        http.perform(get("/api/v1/notifications").param("unread", "true")
                        .with(httpBasic(other.username(), TestData.PASSWORD)))
                .andExpect(jsonPath("$.total", is(1)));
    }
}
