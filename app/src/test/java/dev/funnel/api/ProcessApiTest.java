package dev.funnel.api;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Criterion;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The sales process over REST: moves through the gate (200/400/409/422), confirmations, closes and tasks. */
class ProcessApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;

    Org company;
    Pipeline pipeline;
    Opportunity deal;

    @BeforeEach
    void aGatedDeal() {
        company = data.organisation();
        pipeline = data.gatedPipeline();
        deal = data.opportunityOf(company.eastRep(), pipeline);
    }

    private static RequestPostProcessor as(UserSummary user) {
        return httpBasic(user.username(), TestData.PASSWORD);
    }

    private long stage(int index) {
        return pipeline.stages().get(index).id();
    }

    @Test
    void a_blocked_move_is_422_with_what_is_missing_in_the_callers_language() throws Exception {
        http.perform(post("/api/v1/opportunities/{id}/stage", deal.id()).with(as(company.eastRep()))
                        .header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stageId\":" + stage(1) + ",\"version\":" + deal.version() + "}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code", is("STAGE_GATE")))
                .andExpect(jsonPath("$.missing", hasSize(2)))
                .andExpect(jsonPath("$.missing[*].text", hasItem("客户已确认痛点")))
                .andExpect(jsonPath("$.missing[*].kind", hasItem("TASK")));
    }

    @Test
    void a_move_of_a_stale_version_is_409_and_a_foreign_stage_400() throws Exception {
        Criterion pain = pipeline.stages().get(0).exitCriteria().get(0);
        http.perform(post("/api/v1/opportunities/{id}/criteria/{c}", deal.id(), pain.id()).with(as(company.eastRep())))
                .andExpect(status().isNoContent());
        http.perform(post("/api/v1/opportunities/{id}/stage", deal.id()).with(as(company.eastManager()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"stageId\":" + stage(1) + ",\"version\":"
                                + deal.version() + ",\"overrideReason\":\"演示已约好\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stageId", is((int) stage(1))));
        http.perform(post("/api/v1/opportunities/{id}/stage", deal.id()).with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stageId\":" + stage(0) + ",\"version\":" + deal.version() + "}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code", is("stale_version")));
        Pipeline other = data.pipeline();
        http.perform(post("/api/v1/opportunities/{id}/stage", deal.id()).with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stageId\":" + other.stages().get(0).id() + ",\"version\":" + (deal.version() + 1) + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("stageId")));
        http.perform(get("/api/v1/opportunities/{id}/history", deal.id()).with(as(company.eastRep())))
                .andExpect(jsonPath("$[1].overrideReason", is("演示已约好")));
    }

    @Test
    void won_and_lost_need_their_facts_and_tasks_are_listed_and_completed() throws Exception {
        http.perform(post("/api/v1/opportunities/{id}/won", deal.id()).with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + deal.version() + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[*].field", hasItem("actualAmount")));

        String open = http.perform(get("/api/v1/tasks").param("assignee", "me").param("status", "open")
                        .with(as(company.eastRep())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].titleEn", hasItem("Discovery call")))
                .andReturn().getResponse().getContentAsString();
        List<Number> ids = JsonPath.read(open, "$.items[?(@.titleEn == 'Discovery call')].id");
        http.perform(post("/api/v1/tasks/{id}/done", ids.get(0).longValue()).with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"note\":\"已完成调研\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status", is("DONE")))
                .andExpect(jsonPath("$.note", is("已完成调研")));

        http.perform(post("/api/v1/opportunities/{id}/lost", deal.id()).with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + deal.version() + ",\"lostReason\":\"competitor\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status", is("LOST")));
    }

    @Test
    void an_admin_adds_and_retires_a_lost_reason_and_a_rep_may_not() throws Exception {
        String code = "r" + System.nanoTime() % 100000;
        http.perform(post("/api/v1/choices").with(as(company.eastRep())).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"LOST_REASON\",\"code\":\"" + code + "\",\"labelEn\":\"Timing\",\"labelZh\":\"时机不对\"}"))
                .andExpect(status().isForbidden());
        http.perform(post("/api/v1/choices").with(httpBasic("admin", dev.funnel.testsupport.TestDatabaseSession.ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"LOST_REASON\",\"code\":\"" + code + "\",\"labelEn\":\"Timing\",\"labelZh\":\"时机不对\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", hasItem(code)));
        http.perform(post("/api/v1/opportunities/{id}/lost", deal.id()).with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + deal.version() + ",\"lostReason\":\"" + code + "\"}"))
                .andExpect(status().isOk());
        http.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .delete("/api/v1/choices/LOST_REASON/{code}", code)
                        .with(httpBasic("admin", dev.funnel.testsupport.TestDatabaseSession.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", not(hasItem(code))));
        http.perform(get("/api/v1/opportunities/{id}", deal.id()).with(as(company.eastRep())))
                .andExpect(jsonPath("$.lostReason", is(code)));
    }

    @Test
    void pipelines_come_with_stages_criteria_and_key_activities() throws Exception {
        http.perform(get("/api/v1/pipelines").with(as(company.eastRep())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + pipeline.id() + ")].stages[0].exitCriteria[0].textZh",
                        hasItem("客户已确认痛点")))
                .andExpect(jsonPath("$[?(@.id == " + pipeline.id() + ")].stages[1].keyActivities[0].assignee",
                        hasItem("PRE_SALES")));
        http.perform(get("/api/v1/lost-reasons").with(as(company.eastRep())))
                .andExpect(jsonPath("$[*].code", hasItem("competitor")));
    }
}
