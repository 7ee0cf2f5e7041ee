package dev.funnel.api;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestDatabaseSession;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** POST /api/v1/imports refuses a malformed request by its parts, and is for administrators and managers. */
class ImportApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;

    private static MockMultipartFile part(String name, String value) {
        return new MockMultipartFile(name, "", "text/plain", value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void missing_and_malformed_parts_are_named() throws Exception {
        http.perform(multipart("/api/v1/imports")
                        .file(part("entity", "invoices"))
                        .file(part("mapping", "{not json"))
                        .file(part("mode", "some"))
                        .with(httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[*].field", containsInAnyOrder("entity", "file", "mode")));
        http.perform(multipart("/api/v1/imports")
                        .file(part("entity", "customers"))
                        .file(new MockMultipartFile("file", "c.csv", "text/csv", "name\nAcme\n".getBytes(StandardCharsets.UTF_8)))
                        .file(part("mapping", "{not json"))
                        .with(httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("mapping")));
    }

    @Test
    void a_rep_may_not_import_and_the_fields_of_each_kind_are_listed() throws Exception {
        UserSummary rep = data.user(Role.SALES_REP, null);
        http.perform(multipart("/api/v1/imports")
                        .file(part("entity", "customers"))
                        .file(new MockMultipartFile("file", "c.csv", "text/csv",
                                ("name\n" + TestData.unique("Acme") + "\n").getBytes(StandardCharsets.UTF_8)))
                        .file(part("mapping", "{\"columns\": {\"name\": \"name\"}}"))
                        .with(httpBasic(rep.username(), TestData.PASSWORD)))
                .andExpect(status().isForbidden());
        http.perform(get("/api/v1/imports/fields/opportunities")
                        .with(httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", hasItem("stageEnteredOn")));
    }
}
