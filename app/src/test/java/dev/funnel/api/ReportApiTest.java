package dev.funnel.api;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The reports over REST: the figures with the counts they rest on, the caller's visibility, bad parameters. */
class ReportApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityCloseService closing;

    Org company;
    Pipeline pipeline;

    private static RequestPostProcessor as(UserSummary user) {
        return httpBasic(user.username(), TestData.PASSWORD);
    }

    @BeforeEach
    void oneWonAndOneLostDeal() {
        company = data.organisation();
        pipeline = data.pipeline();
        Opportunity won = data.opportunityOf(company.eastRep(), pipeline);
        Opportunity lost = data.opportunityOf(company.eastRep(), pipeline);
        as(company.eastRep().username(), () -> {
            closing.win(won.id(), won.version(), new BigDecimal("90000"), LocalDate.now(clock));
            return closing.lose(lost.id(), lost.version(), "price", null);
        });
    }

    @Test
    void win_rates_by_owner_answer_the_groups_with_their_counts() throws Exception {
        http.perform(get("/api/v1/reports/win-rates").param("groupBy", "owner")
                        .param("pipelineId", String.valueOf(pipeline.id())).with(as(company.eastManager())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups", hasSize(1)))
                .andExpect(jsonPath("$.groups[0].key", is(String.valueOf(company.eastRep().id()))))
                .andExpect(jsonPath("$.groups[0].label", is(company.eastRep().fullName())))
                .andExpect(jsonPath("$.groups[0].won", is(1)))
                .andExpect(jsonPath("$.groups[0].lost", is(1)))
                .andExpect(jsonPath("$.groups[0].winRate", is(0.5)))
                .andExpect(jsonPath("$.groups[0].wonAmount", is(90000.0)))
                .andExpect(jsonPath("$.groups[0].averageWonAmount", is(90000.0)));
    }

    @Test
    void another_team_sees_no_figures_of_deals_it_may_not_see() throws Exception {
        http.perform(get("/api/v1/reports/win-rates").param("pipelineId", String.valueOf(pipeline.id()))
                        .with(as(company.westManager())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups", hasSize(0)))
                .andExpect(jsonPath("$.total.won", is(0)));
        http.perform(get("/api/v1/reports/funnel").param("pipelineId", String.valueOf(pipeline.id()))
                        .with(as(company.westRep())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created", is(0)));
    }

    @Test
    void every_report_answers_for_the_same_filters() throws Exception {
        String today = LocalDate.now(clock).toString();
        for (String report : new String[] {"funnel", "conversion", "time-in-stage", "cycle", "forecast"}) {
            http.perform(get("/api/v1/reports/" + report).param("pipelineId", String.valueOf(pipeline.id()))
                            .param("from", today).param("to", today).param("teamId", String.valueOf(company.east().id()))
                            .param("ownerId", String.valueOf(company.eastRep().id())).param("source", "website")
                            .with(as(company.director())))
                    .andExpect(status().isOk());
        }
        http.perform(get("/api/v1/reports/funnel").param("pipelineId", String.valueOf(pipeline.id()))
                        .param("from", today).param("to", today).with(as(company.director())))
                .andExpect(jsonPath("$.created", is(2)))
                .andExpect(jsonPath("$.stages", hasSize(3)))
                .andExpect(jsonPath("$.stages[0].count", is(2)))
                .andExpect(jsonPath("$.won.count", is(1)));
        http.perform(get("/api/v1/reports/forecast").param("pipelineId", String.valueOf(pipeline.id()))
                        .param("from", today).param("to", today).with(as(company.director())))
                .andExpect(jsonPath("$.wonDeals", is(1)))
                .andExpect(jsonPath("$.closedWon", is(90000.0)))
                .andExpect(jsonPath("$.categories", hasSize(3)))
                .andExpect(jsonPath("$.stages[0].configured", is(10)));
        http.perform(get("/api/v1/reports/cycle").param("pipelineId", String.valueOf(pipeline.id()))
                        .with(as(company.director())))
                .andExpect(jsonPath("$.won.deals", is(1)))
                .andExpect(jsonPath("$.won.medianDays", is(0.0)));
    }

    @Test
    void the_deals_behind_a_figure_are_listed_with_the_same_filters() throws Exception {
        http.perform(get("/api/v1/reports/deals").param("drill", "closed").param("groupBy", "owner")
                        .param("groupKey", String.valueOf(company.eastRep().id())).param("outcome", "won")
                        .param("pipelineId", String.valueOf(pipeline.id())).with(as(company.eastManager())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total", is(1)))
                .andExpect(jsonPath("$.items[0].status", is("WON")))
                .andExpect(jsonPath("$.items[0].amount", is(90000.0)));
        http.perform(get("/api/v1/reports/deals").param("drill", "reached")
                        .param("stageId", String.valueOf(pipeline.stages().get(0).id()))
                        .param("pipelineId", String.valueOf(pipeline.id())).with(as(company.eastManager())))
                .andExpect(jsonPath("$.total", is(2)));
        http.perform(get("/api/v1/reports/deals").param("drill", "reached")
                        .param("pipelineId", String.valueOf(pipeline.id())).with(as(company.eastManager())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("stageId")));
    }

    @Test
    void bad_parameters_are_refused_naming_the_parameter() throws Exception {
        http.perform(get("/api/v1/reports/win-rates").param("groupBy", "colour").with(as(company.director())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("groupBy")))
                .andExpect(jsonPath("$.fieldErrors[0].message",
                        is("Group by one of: owner, team, product, source, month")));
        http.perform(get("/api/v1/reports/funnel").param("from", "2026-13-01").with(as(company.director())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("from")));
        http.perform(get("/api/v1/reports/funnel").param("from", "2026-11-02").param("to", "2026-11-01")
                        .with(as(company.director())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("to")));
        http.perform(get("/api/v1/reports/funnel").param("currency", "EURO").with(as(company.director())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("currency")));
        http.perform(get("/api/v1/reports/funnel").param("pipelineId", "999999999").with(as(company.director())))
                .andExpect(status().isNotFound());
    }
}
