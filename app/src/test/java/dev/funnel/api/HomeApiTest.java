package dev.funnel.api;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** GET /api/v1/home gives the caller's figures; the stalled list it stands for is one query parameter away. */
class HomeApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;

    @Test
    void a_rep_reads_their_home_figures_and_the_stalled_deals_behind_one_of_them() throws Exception {
        var company = data.organisation();
        UserSummary rep = company.eastRep();
        Pipeline pipeline = data.pipeline();
        Opportunity stalled = data.opportunityOf(rep, pipeline);
        clock.advance(Duration.ofDays(31));
        Opportunity fresh = data.opportunityOf(rep, pipeline);

        http.perform(get("/api/v1/home").with(httpBasic(rep.username(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mine.stalled.count", is(1)))
                .andExpect(jsonPath("$.mine.stalled.amount", is(125000.0)))
                .andExpect(jsonPath("$.mine.stalled.currency", is("CNY")))
                .andExpect(jsonPath("$.team").doesNotExist());
        http.perform(get("/api/v1/opportunities").param("stalled", "true")
                        .with(httpBasic(rep.username(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id", hasItem((int) stalled.id())))
                .andExpect(jsonPath("$.items[*].id", not(hasItem((int) fresh.id()))));
        http.perform(get("/api/v1/home").with(httpBasic(company.eastManager().username(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.team.stalledByRep[0].ownerId", is((int) rep.id())))
                .andExpect(jsonPath("$.team.stalledByRep[0].count", is(1)));
    }
}
