package dev.funnel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A browser tab keeps its session for as long as it is open: disabling the account or changing its roles must
 * reach that session, not only the next sign-in.
 */
class OpenSessionsTest extends IntegrationTest {

    @Autowired
    MockMvc http;
    @Autowired
    UserService users;
    @Autowired
    TeamService teams;
    @Autowired
    SessionRegistry sessions;

    @Test
    void disabling_an_account_signs_out_its_open_session_at_its_next_request() throws Exception {
        UserSummary rep = data.user(Role.SALES_REP, null);
        MockHttpSession tab = signInToTheLoginPage(rep.username());
        UserSummary other = data.user(Role.SALES_REP, null);
        MockHttpSession othersTab = signInToTheLoginPage(other.username());

        as("admin", () -> users.update(rep.id(), new UserChanges(rep.fullName(), null, null, Set.of(Role.SALES_REP),
                false, rep.version())));

        http.perform(get("/customers").session(tab)).andExpect(redirectedUrl("/login"));
        assertThat(tab.isInvalid()).as("signed out").isTrue();
        assertThat(sessions.getSessionInformation(othersTab.getId()).isExpired()).as("others keep theirs").isFalse();
    }

    @Test
    void a_vaadin_request_of_an_ended_session_gets_the_answer_that_makes_the_client_reload() throws Exception {
        UserSummary admin = data.user(Role.ADMIN, null);
        MockHttpSession tab = signInToTheLoginPage(admin.username());

        as("admin", () -> users.update(admin.id(), new UserChanges(admin.fullName(), null, null,
                Set.of(Role.SALES_MANAGER), true, admin.version())));

        String answer = http.perform(post("/").param("v-r", "uidl").session(tab)).andReturn().getResponse()
                .getContentAsString();
        assertThat(answer).contains("\"sessionExpired\":true");
    }

    @Test
    void a_new_team_leaves_the_session_open() throws Exception {
        UserSummary rep = data.user(Role.SALES_REP, null);
        MockHttpSession tab = signInToTheLoginPage(rep.username());
        Team team = as("admin", () -> teams.create(new NewTeam(TestData.unique("east"), null, null)));

        as("admin", () -> users.update(rep.id(), new UserChanges(rep.fullName(), null, team.id(),
                Set.of(Role.SALES_REP), true, rep.version())));

        assertThat(sessions.getSessionInformation(tab.getId()).isExpired()).isFalse();
    }

    private MockHttpSession signInToTheLoginPage(String username) throws Exception {
        MockHttpSession session = (MockHttpSession) http.perform(post("/login").param("username", username)
                .param("password", TestData.PASSWORD).with(csrf())).andReturn().getRequest().getSession();
        assertThat(sessions.getSessionInformation(session.getId())).as("registered at sign-in").isNotNull();
        return session;
    }
}
