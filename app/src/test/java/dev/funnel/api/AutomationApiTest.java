package dev.funnel.api;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import dev.funnel.testsupport.TestDatabaseSession;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Admin &gt; Automation over REST: 'run now' answers what each rule fired; thresholds are checked; admins only. */
class AutomationApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;

    @Test
    void run_now_answers_how_many_reminders_each_rule_fired() throws Exception {
        Org company = data.organisation();
        data.opportunityOf(company.eastRep(), data.gatedPipeline());
        clock.advance(Duration.ofDays(15));

        http.perform(post("/api/v1/admin/automation/run").with(httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rules", hasSize(7)))
                .andExpect(jsonPath("$.rules[0].rule", is("STALLED_DEAL")))
                .andExpect(jsonPath("$.total").isNumber())
                .andExpect(jsonPath("$.finishedAt").isNotEmpty());
        // the deal has stalled and its two tasks are overdue, so the run fired reminders; this second run finds
        // them all fired already, whatever other tests left in the shared database
        http.perform(post("/api/v1/admin/automation/run").with(httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total", is(0)));
        http.perform(get("/api/v1/admin/automation").with(httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rules[*].code", hasItem("REGISTRATION_WAITING")))
                .andExpect(jsonPath("$.schedule.cron", is("-")))
                .andExpect(jsonPath("$.lastRun.total", is(0)));
    }

    @Test
    void only_administrators_run_the_rules() throws Exception {
        Org company = data.organisation();
        http.perform(post("/api/v1/admin/automation/run")
                        .with(httpBasic(company.eastManager().username(), TestData.PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    void a_negative_threshold_is_refused_with_the_field_named() throws Exception {
        http.perform(put("/api/v1/admin/automation/rules/no-follow-up")
                        .with(httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": true, \"threshold\": -5, \"version\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("threshold")));
        http.perform(put("/api/v1/admin/automation/rules/no-such-rule")
                        .with(httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": true, \"threshold\": 5, \"version\": 0}"))
                .andExpect(status().isNotFound());
    }
}
