package dev.funnel.api;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestDatabaseSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Integrators keep the rates current over REST: add, list, change with the version read, remove. */
class ExchangeRateApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;

    @Test
    void an_administrator_adds_changes_and_removes_a_rate_and_everyone_reads_them() throws Exception {
        UserSummary rep = data.user(Role.SALES_REP, null);
        http.perform(get("/api/v1/currency").with(httpBasic(rep.username(), TestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.currency", is("CNY")));

        String created = http.perform(post("/api/v1/exchange-rates").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currency\": \"sgd\", \"validFrom\": \"2026-03-01\", \"rate\": 5.31}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.currency", is("SGD"))).andExpect(jsonPath("$.rate", is(5.31)))
                .andReturn().getResponse().getContentAsString();
        int id = JsonPath.read(created, "$.id");
        http.perform(get("/api/v1/exchange-rates").param("currency", "SGD")
                        .with(httpBasic(rep.username(), TestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].validFrom", hasItem("2026-03-01")));

        http.perform(post("/api/v1/exchange-rates").with(httpBasic(rep.username(), TestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currency\": \"SGD\", \"validFrom\": \"2026-04-01\", \"rate\": 5.3}"))
                .andExpect(status().isForbidden());
        http.perform(post("/api/v1/exchange-rates").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currency\": \"SGD\", \"validFrom\": \"2026-03-01\", \"rate\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[*].field", hasItem("rate")));

        http.perform(put("/api/v1/exchange-rates/{id}", id).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": 0, \"rate\": {\"currency\": \"SGD\", \"validFrom\": \"2026-03-01\", "
                                + "\"rate\": 5.35}}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.version", is(1)));
        http.perform(put("/api/v1/exchange-rates/{id}", id).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": 0, \"rate\": {\"currency\": \"SGD\", \"validFrom\": \"2026-03-01\", "
                                + "\"rate\": 5.4}}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code", is("stale_version")));
        http.perform(delete("/api/v1/exchange-rates/{id}", id).param("version", "1").with(admin()))
                .andExpect(status().isNoContent());
        http.perform(delete("/api/v1/exchange-rates/{id}", id).param("version", "1").with(admin()))
                .andExpect(status().isNotFound());
    }

    private static RequestPostProcessor admin() {
        return httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD);
    }
}
