package dev.funnel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.funnel.audit.AuditFilter;
import dev.funnel.audit.AuditService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserChanges;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * API tokens: created over the API (the secret once), sent as Bearer, narrowed by their scopes, refused at once when
 * revoked, expired or their account disabled; each refusal says why.
 */
class ApiTokenApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;
    @Autowired
    UserService users;
    @Autowired
    AuditService audit;

    private static RequestPostProcessor basic(UserSummary user) {
        return httpBasic(user.username(), TestData.PASSWORD);
    }

    private static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String secret) {
        return request.header("Authorization", "Bearer " + secret);
    }

    /** Creates a token for the user over the API with HTTP Basic; answers the whole response body. */
    private String issue(UserSummary user, String json) throws Exception {
        return http.perform(post("/api/v1/me/tokens").with(basic(user))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void a_token_signs_requests_in_as_its_user_until_it_is_revoked() throws Exception {
        UserSummary rep = data.organisation().eastRep();
        String body = issue(rep, """
                {"name": "Call log sync", "scopes": ["write"], "expiresOn": "%s"}"""
                .formatted(LocalDate.now(clock).plusDays(30)));
        String secret = JsonPath.read(body, "$.secret");
        int id = JsonPath.read(body, "$.token.id");
        assertThat(secret).startsWith("fnl_").hasSizeGreaterThan(40);
        assertThat((java.util.List<String>) JsonPath.read(body, "$.token.scopes")).containsExactly("read", "write");

        http.perform(bearer(get("/api/v1/me"), secret))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username", is(rep.username())));
        http.perform(get("/api/v1/me/tokens").with(basic(rep)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id", is(id)))
                .andExpect(jsonPath("$[0].name", is("Call log sync")))
                .andExpect(jsonPath("$[0].prefix", is(secret.substring(0, 12))))
                .andExpect(jsonPath("$[0].status", is("active")))
                .andExpect(jsonPath("$[0].lastUsedFrom", is("127.0.0.1")))
                .andExpect(jsonPath("$[0].lastUsedAt").isNotEmpty())
                .andExpect(jsonPath("$[0].secret").doesNotExist());

        http.perform(delete("/api/v1/me/tokens/{id}", id).with(basic(rep)))
                .andExpect(status().isNoContent());
        http.perform(bearer(get("/api/v1/me"), secret))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("invalid_token")))
                .andExpect(jsonPath("$.code", is("invalid_token")))
                .andExpect(jsonPath("$.message", containsString("revoked")));
        assertThat(data.asAdmin(() -> audit.find(new AuditFilter(null, null, null, "api-token"),
                dev.funnel.platform.PageRequest.of(0, 50)).items()))
                .extracting(e -> e.action() + " " + e.targetId())
                .contains("api-token.issued " + id, "api-token.revoked " + id);
    }

    @Test
    void an_unknown_or_expired_token_is_refused_and_says_which() throws Exception {
        UserSummary rep = data.organisation().eastRep();
        String secret = JsonPath.read(issue(rep, """
                {"name": "Short-lived", "scopes": ["read"], "expiresOn": "%s"}""".formatted(LocalDate.now(clock))),
                "$.secret");
        http.perform(bearer(get("/api/v1/me"), secret)).andExpect(status().isOk());

        clock.advance(Duration.ofDays(2));
        http.perform(bearer(get("/api/v1/me"), secret))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message", containsString("expired")));
        http.perform(bearer(get("/api/v1/me"), secret.substring(0, secret.length() - 1) + "x"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message", containsString("not valid")));
        // HTTP Basic still works beside tokens
        http.perform(get("/api/v1/me").with(basic(rep))).andExpect(status().isOk());
    }

    @Test
    void a_read_token_reads_and_is_refused_a_change_naming_the_write_scope() throws Exception {
        UserSummary rep = data.organisation().eastRep();
        String secret = JsonPath.read(issue(rep, "{\"name\": \"Dashboard\", \"scopes\": [\"read\"]}"), "$.secret");

        http.perform(bearer(get("/api/v1/customers"), secret)).andExpect(status().isOk());
        http.perform(bearer(post("/api/v1/customers"), secret)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"深圳市新客户科技有限公司\"}"))
                .andExpect(status().isForbidden())
                .andExpect(header().string("WWW-Authenticate", containsString("scope=\"write\"")))
                .andExpect(jsonPath("$.code", is("insufficient_scope")))
                .andExpect(jsonPath("$.message", containsString("'write'")));
    }

    @Test
    void an_administrators_token_acts_as_an_administrator_only_with_the_admin_scope() throws Exception {
        UserSummary admin = data.user(Role.ADMIN, null);
        String write = JsonPath.read(issue(admin, "{\"name\": \"Sync\", \"scopes\": [\"write\"]}"), "$.secret");
        String full = JsonPath.read(issue(admin, "{\"name\": \"Ops\", \"scopes\": [\"admin\"]}"), "$.secret");

        http.perform(bearer(get("/api/v1/tokens"), write))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code", is("insufficient_scope")))
                .andExpect(jsonPath("$.message", containsString("'admin'")));
        http.perform(bearer(get("/api/v1/tokens"), full)).andExpect(status().isOk());
        // nor can the narrower token make itself a wider one
        http.perform(bearer(post("/api/v1/me/tokens"), write)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Wider\", \"scopes\": [\"admin\"]}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message", containsString("'admin'")));
    }

    @Test
    void a_token_made_through_a_token_cannot_outlive_it() throws Exception {
        UserSummary rep = data.organisation().eastRep();
        String secret = JsonPath.read(issue(rep, """
                {"name": "Parent", "scopes": ["write"], "expiresOn": "%s"}"""
                .formatted(LocalDate.now(clock).plusDays(7))), "$.secret");
        http.perform(bearer(post("/api/v1/me/tokens"), secret)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Forever\", \"scopes\": [\"read\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("expiresOn")));
        http.perform(bearer(post("/api/v1/me/tokens"), secret)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"name": "Child", "scopes": ["read"], "expiresOn": "%s"}"""
                                .formatted(LocalDate.now(clock).plusDays(7))))
                .andExpect(status().isCreated());
    }

    @Test
    void bad_token_requests_are_refused_field_by_field_and_nothing_is_created() throws Exception {
        UserSummary rep = data.organisation().eastRep();
        http.perform(post("/api/v1/me/tokens").with(basic(rep)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \" \", \"scopes\": [\"admin\"], \"expiresOn\": \"2020-01-01\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[*].field", hasItem("name")))
                .andExpect(jsonPath("$.fieldErrors[*].code", hasItem("validation.token-admin-scope")))
                .andExpect(jsonPath("$.fieldErrors[*].code", hasItem("validation.token-expiry-past")));
        http.perform(post("/api/v1/me/tokens").with(basic(rep)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Mine\", \"scopes\": [\"delete\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("scopes")))
                .andExpect(jsonPath("$.fieldErrors[0].message", containsString("delete")));
        http.perform(get("/api/v1/me/tokens").with(basic(rep)))
                .andExpect(jsonPath("$.length()", is(0)));
    }

    @Test
    void a_disabled_account_s_token_is_refused_and_others_cannot_revoke_it() throws Exception {
        var company = data.organisation();
        UserSummary rep = company.eastRep();
        String body = issue(rep, "{\"name\": \"Phone system\", \"scopes\": [\"write\"]}");
        String secret = JsonPath.read(body, "$.secret");
        int id = JsonPath.read(body, "$.token.id");

        http.perform(delete("/api/v1/me/tokens/{id}", id).with(basic(company.westRep())))
                .andExpect(status().isNotFound());
        http.perform(get("/api/v1/me/tokens").with(basic(company.westRep())))
                .andExpect(jsonPath("$[*].id", not(hasItem(id))));
        http.perform(bearer(get("/api/v1/me"), secret)).andExpect(status().isOk());

        data.asAdmin(() -> users.update(rep.id(), new UserChanges(rep.fullName(), null, rep.teamId(),
                Set.of(Role.SALES_REP), false, rep.version())));
        http.perform(bearer(get("/api/v1/me"), secret))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message", containsString("disabled")));
    }

    @Test
    void an_administrator_issues_a_token_for_an_integration_account_which_acts_as_that_account() throws Exception {
        var company = data.organisation();
        UserSummary admin = data.user(Role.ADMIN, null);
        UserSummary erp = data.user(Role.SALES_REP, company.east().id());
        String body = http.perform(post("/api/v1/users/{id}/tokens", erp.id()).with(basic(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"ERP order sync\", \"scopes\": [\"write\"]}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token.username", is(erp.username())))
                .andReturn().getResponse().getContentAsString();
        String secret = JsonPath.read(body, "$.secret");
        http.perform(bearer(get("/api/v1/me"), secret))
                .andExpect(jsonPath("$.username", is(erp.username())));
        // a rep may not issue tokens for others
        http.perform(post("/api/v1/users/{id}/tokens", erp.id()).with(basic(company.eastRep()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\", \"scopes\": [\"read\"]}"))
                .andExpect(status().isForbidden());
        http.perform(get("/api/v1/tokens").with(basic(admin)))
                .andExpect(jsonPath("$[*].prefix", hasItem(startsWith("fnl_"))))
                .andExpect(jsonPath("$[*].secret").doesNotExist());
        http.perform(delete("/api/v1/tokens/{id}", (int) JsonPath.read(body, "$.token.id")).with(basic(admin)))
                .andExpect(status().isNoContent());
        http.perform(bearer(get("/api/v1/me"), secret)).andExpect(status().isUnauthorized());
    }

    @Test
    void a_managers_token_sees_their_teams_deals_as_the_teams_are_at_each_request() throws Exception {
        var company = data.organisation();
        var pipeline = data.pipeline();
        long eastDeal = data.opportunityOf(company.eastRep(), pipeline).id();
        long westDeal = data.opportunityOf(company.westRep(), pipeline).id();
        String director = JsonPath.read(issue(company.director(), "{\"name\": \"BI\", \"scopes\": [\"read\"]}"),
                "$.secret");
        String rep = JsonPath.read(issue(company.eastRep(), "{\"name\": \"Phone\", \"scopes\": [\"read\"]}"),
                "$.secret");

        http.perform(bearer(get("/api/v1/opportunities?size=100"), director))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total", is(2)))
                .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.containsInAnyOrder(
                        (int) eastDeal, (int) westDeal)));
        http.perform(bearer(get("/api/v1/opportunities?size=100"), rep))
                .andExpect(jsonPath("$.total", is(1)))
                .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.contains((int) eastDeal)));

        // the west rep leaves the division: the director's very next request no longer sees their deal
        UserSummary west = company.westRep();
        data.asAdmin(() -> users.update(west.id(), new UserChanges(west.fullName(), null, null,
                Set.of(Role.SALES_REP), true, west.version())));
        http.perform(bearer(get("/api/v1/opportunities?size=100"), director))
                .andExpect(jsonPath("$.total", is(1)))
                .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.contains((int) eastDeal)));
        http.perform(bearer(get("/api/v1/opportunities/{id}", westDeal), director))
                .andExpect(status().isNotFound());
    }
}
