package dev.funnel.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestDatabaseSession;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Password guessing over the API is paused and audited; an administrator can lift the pause; the trail can be
 * read by administrators only and cannot be changed, not even by SQL.
 */
class SignInAuditTest extends IntegrationTest {

    @Autowired
    MockMvc http;
    @Autowired
    UserService users;
    @Autowired
    AuditService audit;
    @Autowired
    JdbcTemplate jdbc;

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void five_wrong_passwords_pause_the_account_even_for_the_right_one_until_an_administrator_unlocks_it()
            throws Exception {
        UserSummary rep = data.user(Role.SALES_REP, null);
        for (int i = 0; i < 5; i++) {
            http.perform(get("/api/v1/me").with(httpBasic(rep.username(), "wrong-" + i)).with(from("203.0.113.77")))
                    .andExpect(status().isUnauthorized());
        }

        http.perform(get("/api/v1/me").with(httpBasic(rep.username(), TestData.PASSWORD)).with(from("203.0.113.77"))
                        .header("Accept-Language", "zh-CN"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", Matchers.matchesPattern("[1-3][0-9]")))
                .andExpect(jsonPath("$.code").value("sign_in_paused"))
                .andExpect(jsonPath("$.message", Matchers.containsString("秒后重试")));
        assertThat(as("admin", () -> users.signInPausedUntil(rep.username()))).isPresent();

        as("admin", () -> {
            users.unlockSignIn(rep.username());
            return null;
        });

        http.perform(get("/api/v1/me").with(httpBasic(rep.username(), TestData.PASSWORD)).with(from("203.0.113.77")))
                .andExpect(status().isOk());
        var trail = as("admin", () -> audit.find(new AuditFilter(null, null, rep.username(), "sign-in"),
                PageRequest.of(0, 50)).items());
        // the fifth failure and the pause it starts happen at once
        assertThat(trail).extracting(AuditEntry::action).containsExactlyInAnyOrder("sign-in.paused",
                "sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.failed");
        assertThat(trail).filteredOn(e -> e.action().equals("sign-in.paused")).singleElement()
                .satisfies(paused -> {
                    assertThat(paused.address()).isEqualTo("203.0.113.77");
                    assertThat(paused.details()).contains("account-address", "30 s");
                });
        var unlocks = as("admin", () -> audit.find(new AuditFilter(null, null, "admin", "sign-in.unlocked"),
                PageRequest.of(0, 500)).items());
        assertThat(unlocks).anySatisfy(unlock -> {
            assertThat(unlock.targetType()).isEqualTo("user");
            assertThat(unlock.targetId()).isEqualTo(rep.username());
        });
    }

    @Test
    void the_trail_is_for_administrators_over_the_api_and_cannot_be_changed() throws Exception {
        UserSummary rep = data.user(Role.SALES_REP, null);
        http.perform(get("/api/v1/me").with(httpBasic(rep.username(), "not-it")).with(from("203.0.113.78")))
                .andExpect(status().isUnauthorized());

        http.perform(get("/api/v1/admin/audit").param("actor", rep.username().toUpperCase(java.util.Locale.ROOT))
                        .param("action", "sign-in.failed")
                        .with(httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].address").value("203.0.113.78"))
                .andExpect(jsonPath("$.items[0].details").doesNotExist());
        http.perform(get("/api/v1/admin/audit").with(httpBasic(rep.username(), TestData.PASSWORD)))
                .andExpect(status().isForbidden());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(
                        "update audit_event set actor = 'someone' where lower(actor) = lower(?)", rep.username()))
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("delete from audit_event"))
                .hasMessageContaining("append-only");
    }

    /** The login page's form as a browser posts it. */
    private static org.springframework.test.web.servlet.RequestBuilder login(String username, String password) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login")
                .param("username", username).param("password", password)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                        .csrf())
                .with(from("203.0.113.79"));
    }

    @Test
    void the_login_page_is_paused_alike_and_its_sign_ins_are_audited() throws Exception {
        UserSummary rep = data.user(Role.SALES_REP, null);
        http.perform(login(rep.username(), TestData.PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                        .redirectedUrlPattern("/**"))
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error"));
        for (int i = 0; i < 5; i++) {
            http.perform(login(rep.username(), "guess-" + i))
                    .andExpect(status().is3xxRedirection());
        }

        var refused = http.perform(login(rep.username(), TestData.PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andReturn();

        assertThat(refused.getResponse().getRedirectedUrl()).contains("error");
        assertThat(refused.getRequest().getSession().getAttribute(
                org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION))
                .isInstanceOf(dev.funnel.identity.SignInThrottledException.class);
        var trail = as("admin", () -> audit.find(new AuditFilter(null, null, rep.username(), "sign-in"),
                PageRequest.of(0, 50)).items());
        assertThat(trail).extracting(AuditEntry::action).contains("sign-in.succeeded", "sign-in.paused")
                .filteredOn("sign-in.failed"::equals).hasSize(5);
    }

    @Test
    void a_burst_of_parallel_guesses_is_checked_no_more_often_than_guesses_one_after_another() throws Exception {
        UserSummary rep = data.user(Role.SALES_REP, null);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int guess = i;
                answers.add(pool.submit(() -> http.perform(get("/api/v1/me")
                                .with(httpBasic(rep.username(), "burst-" + guess)).with(from("203.0.113.90")))
                        .andReturn().getResponse().getStatus()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(status -> status == 401).hasSize(5);
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
    }
}
