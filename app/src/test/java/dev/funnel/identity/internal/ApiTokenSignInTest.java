package dev.funnel.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.identity.ApiTokenScope;
import dev.funnel.identity.ApiTokenService;
import dev.funnel.identity.NewApiToken;
import dev.funnel.identity.NewTeam;
import dev.funnel.identity.Role;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserSummary;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The statement that signs a request in by token also reads whose records its user sees as a manager: the same
 * owners as the look-up a browser session makes, for every kind of user and through every level of teams.
 */
class ApiTokenSignInTest extends IntegrationTest {

    @Autowired
    ApiTokenRepository tokens;
    @Autowired
    UserRepository users;
    @Autowired
    ApiTokenService issuing;
    @Autowired
    TeamService teams;

    @Test
    void a_tokens_sign_in_reads_the_owners_its_user_sees_as_a_manager_through_every_level_of_teams() {
        Org company = data.organisation();
        // a third level below the east team, with its own manager and rep
        UserSummary northManager = data.user(Role.SALES_MANAGER, null);
        Team north = data.asAdmin(() -> teams.create(new NewTeam(TestData.unique("north"), company.east().id(),
                northManager.id())));
        UserSummary northRep = data.user(Role.SALES_REP, north.id());
        UserSummary adminManager = data.user(Role.ADMIN, null);

        for (UserSummary user : List.of(company.director(), company.eastManager(), company.westManager(),
                company.eastRep(), northManager, northRep, adminManager)) {
            String secret = as(user.username(), () -> issuing.issueMine(
                    new NewApiToken("sync", Set.of(ApiTokenScope.READ), null))).secret();

            var bearer = tokens.findBySecret(secret).orElseThrow();

            assertThat(bearer.user().id()).isEqualTo(user.id());
            assertThat(bearer.visibleOwners()).as(user.fullName())
                    .containsExactlyInAnyOrderElementsOf(users.visibleOwnerIds(user.id()));
        }
        String director = as(company.director().username(), () -> issuing.issueMine(
                new NewApiToken("bi", Set.of(ApiTokenScope.READ), null))).secret();
        assertThat(tokens.findBySecret(director).orElseThrow().visibleOwners())
                .contains(company.director().id(), company.eastManager().id(), company.eastRep().id(),
                        company.westManager().id(), company.westRep().id(), northManager.id(), northRep.id());
        String rep = as(company.eastRep().username(), () -> issuing.issueMine(
                new NewApiToken("phone", Set.of(ApiTokenScope.READ), null))).secret();
        assertThat(tokens.findBySecret(rep).orElseThrow().visibleOwners()).containsExactly(company.eastRep().id());
    }
}
