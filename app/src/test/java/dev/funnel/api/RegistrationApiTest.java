package dev.funnel.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.funnel.customer.Customer;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** 报备 over REST: a rep files, the holder's manager sees it waiting and rejects it with a comment. */
class RegistrationApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;

    private static RequestPostProcessor as(UserSummary user) {
        return httpBasic(user.username(), TestData.PASSWORD);
    }

    @Test
    void a_request_is_filed_listed_for_the_manager_and_rejected_with_a_comment() throws Exception {
        Org company = data.organisation();
        Customer customer = data.customerOf(company.eastRep());
        // the id alone is answered as an unknown customer: another rep's customer is named by its name
        http.perform(post("/api/v1/registrations").with(as(company.westRep()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\": " + customer.id() + ", \"opportunityName\": \"西区拓展\", "
                                + "\"reason\": \"客户西区分公司来询价\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("customerId")));
        String body = http.perform(post("/api/v1/registrations").with(as(company.westRep()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\": " + customer.id() + ", \"opportunityName\": \"西区拓展\", "
                                + "\"reason\": \"客户西区分公司来询价\", \"customerName\": \"" + customer.name() + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status", is("PENDING")))
                .andReturn().getResponse().getContentAsString();
        int id = JsonPath.read(body, "$.id");

        http.perform(get("/api/v1/registrations?which=to-decide").with(as(company.eastManager())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.id == " + id + ")].holderName").exists());
        // the request is the requester's, the holder's and the approver's to read, and nobody else's
        http.perform(get("/api/v1/registrations/{id}", id).with(as(company.westRep())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.customerName", is(customer.name())));
        http.perform(get("/api/v1/registrations/{id}", id).with(as(company.eastRep())))
                .andExpect(status().isOk());
        UserSummary bystander = data.user(Role.SALES_REP, null);
        http.perform(get("/api/v1/registrations/{id}", id).with(as(bystander)))
                .andExpect(status().isNotFound());
        http.perform(get("/api/v1/registrations?which=all&size=500").with(as(bystander)))
                .andExpect(jsonPath("$.items[?(@.id == " + id + ")]").isEmpty());
        String since = java.time.Instant.now().toString();
        http.perform(post("/api/v1/registrations/{id}/reject", id).with(as(company.eastManager()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("comment")));
        http.perform(post("/api/v1/registrations/{id}/reject", id).with(as(company.eastManager()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\": 0, \"comment\": \"东区在跟进\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status", is("REJECTED")));
        // the decision moves it into an incremental sync of everything the holder is involved in
        http.perform(get("/api/v1/registrations?which=all&updatedSince=" + since).with(as(company.eastRep())))
                .andExpect(jsonPath("$.items[*].id", contains(id)));
        http.perform(get("/api/v1/pool?q=" + customer.name()).with(as(company.westRep())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total", is(0)));
    }
}
