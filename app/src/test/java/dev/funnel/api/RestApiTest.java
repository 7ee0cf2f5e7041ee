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

import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import dev.funnel.testsupport.TestDatabaseSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The REST API over HTTP Basic: same users, same visibility, JSON errors with stable codes. */
class RestApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;

    Org org;
    Pipeline pipeline;
    Opportunity eastDeal;
    Opportunity westDeal;

    @BeforeEach
    void data() {
        org = data.organisation();
        pipeline = data.pipeline();
        eastDeal = data.opportunityOf(org.eastRep(), pipeline);
        westDeal = data.opportunityOf(org.westRep(), pipeline);
    }

    private static RequestPostProcessor as(UserSummary user) {
        return httpBasic(user.username(), TestData.PASSWORD);
    }

    private static RequestPostProcessor admin() {
        return httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD);
    }

    @Test
    void me_answers_who_is_signed_in_and_a_wrong_password_gets_401_json() throws Exception {
        http.perform(get("/api/v1/me").with(as(org.eastRep())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username", is(org.eastRep().username())))
                .andExpect(jsonPath("$.roles[0]", is("SALES_REP")));
        http.perform(get("/api/v1/me").with(httpBasic(org.eastRep().username(), "wrong")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code", is("unauthorized")));
        http.perform(get("/api/v1/me")).andExpect(status().isUnauthorized());
    }

    @Test
    void lists_are_paged_and_narrowed_to_what_the_caller_may_see() throws Exception {
        http.perform(get("/api/v1/opportunities").param("page", "0").param("size", "5").with(as(org.eastRep())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total", is(1)))
                .andExpect(jsonPath("$.page", is(0)))
                .andExpect(jsonPath("$.size", is(5)))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].id", is((int) eastDeal.id())));
        http.perform(get("/api/v1/opportunities").param("ownerId", String.valueOf(org.westRep().id()))
                        .param("status", "OPEN").with(as(org.director())))
                .andExpect(jsonPath("$.total", is(1)))
                .andExpect(jsonPath("$.items[0].id", is((int) westDeal.id())));
    }

    @Test
    void someone_elses_record_is_404_not_403_for_reading_and_writing() throws Exception {
        http.perform(get("/api/v1/opportunities/{id}", westDeal.id()).with(as(org.eastRep())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code", is("not_found")));
        http.perform(put("/api/v1/opportunities/{id}", westDeal.id()).with(as(org.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"taken over\",\"customerId\":" + westDeal.customerId() + ",\"version\":0}"))
                .andExpect(status().isNotFound());
        http.perform(get("/api/v1/customers/{id}", westDeal.customerId()).with(as(org.eastRep())))
                .andExpect(status().isNotFound());
    }

    @Test
    void bad_input_gets_400_with_field_errors_in_the_callers_language() throws Exception {
        http.perform(post("/api/v1/customers").with(as(org.eastRep())).header("Accept-Language", "zh-CN")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"creditCode\":\"123\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code", is("invalid_input")))
                .andExpect(jsonPath("$.fieldErrors[*].field", hasItem("name")))
                .andExpect(jsonPath("$.fieldErrors[*].field", hasItem("creditCode")))
                .andExpect(jsonPath("$.fieldErrors[?(@.field == 'name')].message", hasItem("必填")));
        http.perform(post("/api/v1/opportunities").with(as(org.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"amount\": \"lots\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code", is("unreadable_body")));
    }

    @Test
    void create_then_update_with_a_stale_version_gets_409() throws Exception {
        String body = "{\"name\":\"" + TestData.unique("api-deal") + "\",\"customerId\":" + eastDeal.customerId()
                + ",\"pipelineId\":" + pipeline.id() + ",\"amount\":\"88000.50\",\"currency\":\"CNY\"}";
        String created = http.perform(post("/api/v1/opportunities").with(as(org.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.amount", is(88000.50)))
                .andExpect(jsonPath("$.status", is("OPEN")))
                .andReturn().getResponse().getContentAsString();
        long id = com.jayway.jsonpath.JsonPath.parse(created).read("$.id", Long.class);
        String update = body.replace("88000.50", "90000") + "";
        String withVersion = update.substring(0, update.length() - 1) + ",\"version\":0}";

        http.perform(put("/api/v1/opportunities/{id}", id).with(as(org.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content(withVersion))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version", is(1)));
        http.perform(put("/api/v1/opportunities/{id}", id).with(as(org.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content(withVersion))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code", is("stale_version")));
    }

    @Test
    void plugins_are_for_admins_and_stage_templates_come_from_the_loaded_plugin() throws Exception {
        http.perform(get("/api/v1/admin/plugins").with(as(org.eastRep())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code", is("forbidden")));
        http.perform(get("/api/v1/admin/plugins").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == 'stage-templates')].state", hasItem("STARTED")));
        http.perform(get("/api/v1/stage-templates").with(as(org.eastRep())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem("high-tech-saas")))
                .andExpect(jsonPath("$[*].id", hasItem("manufacturing")))
                .andExpect(jsonPath("$[*].id", hasItem("modern-services")));
    }

    @Test
    void the_openapi_description_lists_the_api() throws Exception {
        http.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/opportunities']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/customers/{id}']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/me']").exists())
                .andExpect(jsonPath("$.components.securitySchemes.basic").exists());
    }
}
