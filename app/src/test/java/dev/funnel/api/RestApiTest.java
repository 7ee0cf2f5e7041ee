package dev.funnel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
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

    Org company;
    Pipeline pipeline;
    Opportunity eastDeal;
    Opportunity westDeal;

    @BeforeEach
    void data() {
        company = data.organisation();
        pipeline = data.pipeline();
        eastDeal = data.opportunityOf(company.eastRep(), pipeline);
        westDeal = data.opportunityOf(company.westRep(), pipeline);
    }

    private static RequestPostProcessor as(UserSummary user) {
        return httpBasic(user.username(), TestData.PASSWORD);
    }

    private static RequestPostProcessor admin() {
        return httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD);
    }

    @Test
    void me_answers_who_is_signed_in_and_a_wrong_password_gets_401_json() throws Exception {
        http.perform(get("/api/v1/me").with(as(company.eastRep())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username", is(company.eastRep().username())))
                .andExpect(jsonPath("$.roles[0]", is("SALES_REP")));
        http.perform(get("/api/v1/me").with(httpBasic(company.eastRep().username(), "wrong")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code", is("unauthorized")));
        http.perform(get("/api/v1/me")).andExpect(status().isUnauthorized());
    }

    @Test
    void lists_are_paged_and_narrowed_to_what_the_caller_may_see() throws Exception {
        http.perform(get("/api/v1/opportunities").param("page", "0").param("size", "5").with(as(company.eastRep())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total", is(1)))
                .andExpect(jsonPath("$.page", is(0)))
                .andExpect(jsonPath("$.size", is(5)))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].id", is((int) eastDeal.id())));
        http.perform(get("/api/v1/opportunities").param("ownerId", String.valueOf(company.westRep().id()))
                        .param("status", "OPEN").with(as(company.director())))
                .andExpect(jsonPath("$.total", is(1)))
                .andExpect(jsonPath("$.items[0].id", is((int) westDeal.id())));
    }

    @Test
    void someone_elses_record_is_404_not_403_for_reading_and_writing() throws Exception {
        http.perform(get("/api/v1/opportunities/{id}", westDeal.id()).with(as(company.eastRep())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code", is("not_found")));
        http.perform(put("/api/v1/opportunities/{id}", westDeal.id()).with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"taken over\",\"customerId\":" + westDeal.customerId() + ",\"version\":0}"))
                .andExpect(status().isNotFound());
        http.perform(get("/api/v1/customers/{id}", westDeal.customerId()).with(as(company.eastRep())))
                .andExpect(status().isNotFound());
    }

    @Test
    void bad_input_gets_400_with_field_errors_in_the_callers_language() throws Exception {
        http.perform(post("/api/v1/customers").with(as(company.eastRep())).header("Accept-Language", "zh-CN")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"creditCode\":\"123\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code", is("invalid_input")))
                .andExpect(jsonPath("$.fieldErrors[*].field", hasItem("name")))
                .andExpect(jsonPath("$.fieldErrors[*].field", hasItem("creditCode")))
                .andExpect(jsonPath("$.fieldErrors[?(@.field == 'name')].message", hasItem("必填")));
        http.perform(post("/api/v1/opportunities").with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"amount\": \"lots\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("amount")))
                .andExpect(jsonPath("$.fieldErrors[0].code", is("validation.format")));
    }

    @Test
    void create_then_update_with_a_stale_version_gets_409() throws Exception {
        String body = "{\"name\":\"" + TestData.unique("api-deal") + "\",\"customerId\":" + eastDeal.customerId()
                + ",\"pipelineId\":" + pipeline.id() + ",\"amount\":\"88000.50\",\"currency\":\"CNY\"}";
        String created = http.perform(post("/api/v1/opportunities").with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.amount", is(88000.50)))
                .andExpect(jsonPath("$.status", is("OPEN")))
                .andReturn().getResponse().getContentAsString();
        long id = com.jayway.jsonpath.JsonPath.parse(created).read("$.id", Long.class);
        String update = body.replace("88000.50", "90000") + "";
        String withVersion = update.substring(0, update.length() - 1) + ",\"version\":0}";

        http.perform(put("/api/v1/opportunities/{id}", id).with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content(withVersion))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version", is(1)));
        http.perform(put("/api/v1/opportunities/{id}", id).with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content(withVersion))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code", is("stale_version")));
    }

    @Test
    void plugins_are_for_admins_and_stage_templates_come_from_the_loaded_plugin() throws Exception {
        http.perform(get("/api/v1/admin/plugins").with(as(company.eastRep())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code", is("forbidden")));
        http.perform(get("/api/v1/admin/plugins").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == 'stage-templates')].state", hasItem("STARTED")));
        http.perform(get("/api/v1/stage-templates").with(as(company.eastRep())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem("high-tech-saas")))
                .andExpect(jsonPath("$[*].id", hasItem("manufacturing")))
                .andExpect(jsonPath("$[*].id", hasItem("modern-services")));
    }

    @Test
    void a_value_of_the_wrong_type_names_its_field_and_leaks_no_class_names() throws Exception {
        String answer = http.perform(post("/api/v1/opportunities").with(as(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"status\":\"CLOSED\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("status")))
                .andExpect(jsonPath("$.fieldErrors[0].code", is("validation.format")))
                .andReturn().getResponse().getContentAsString();
        assertThat(answer).doesNotContain("dev.funnel");

        http.perform(post("/api/v1/customers").with(as(company.eastRep())).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code", is("unreadable_body")))
                .andExpect(jsonPath("$.message", not(containsString("dev.funnel"))));
    }

    @Test
    void a_nul_character_is_400_naming_its_field_or_parameter_not_a_409() throws Exception {
        http.perform(post("/api/v1/customers").with(as(company.eastRep())).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Acme\\u0000 Trading\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("name")))
                .andExpect(jsonPath("$.fieldErrors[0].code", is("validation.nul")));
        http.perform(get("/api/v1/customers").param("q", "Acme\u0000").with(as(company.eastRep())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("q")))
                .andExpect(jsonPath("$.fieldErrors[0].code", is("validation.nul")));
    }

    @Test
    void absurd_paging_and_unknown_owners_are_400_not_500() throws Exception {
        http.perform(get("/api/v1/customers").param("page", "2147483647").param("size", "500").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("page")));
        http.perform(get("/api/v1/customers").param("size", "501").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("size")));
        http.perform(post("/api/v1/customers").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + TestData.unique("orphan") + "\",\"ownerId\":999999999}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("ownerId")));
    }

    @Test
    void a_wrong_method_answers_json() throws Exception {
        http.perform(delete("/api/v1/me")
                        .with(admin()))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code", is("http_405")));
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
