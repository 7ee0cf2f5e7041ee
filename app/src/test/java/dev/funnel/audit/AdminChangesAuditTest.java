package dev.funnel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.customer.CustomerPoolService;
import dev.funnel.customer.PoolSettings;
import dev.funnel.identity.NewTeam;
import dev.funnel.identity.NewUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.Choice;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.IntegrationTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What administrators change is in the trail: accounts with their roles, teams, settings and lists. */
class AdminChangesAuditTest extends IntegrationTest {

    @Autowired
    AuditService audit;
    @Autowired
    UserService users;
    @Autowired
    TeamService teams;
    @Autowired
    CustomerPoolService pool;
    @Autowired
    ChoiceService choices;

    @Test
    void accounts_teams_settings_and_lists_changed_by_an_administrator_are_recorded() {
        String team = TestData.unique("审计团队");
        String username = TestData.unique("audited").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]", "");
        String code = TestData.unique("fair").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        as("admin", () -> {
            Team created = teams.create(new NewTeam(team, null, null));
            users.create(new NewUser(username, "Audited Rep", null, "a-long-password", created.id(),
                    Set.of(Role.SALES_REP, Role.SALES_MANAGER)));
            pool.updateSettings(new PoolSettings(45, 7));
            pool.updateSettings(PoolSettings.DEFAULTS);
            return choices.add(new Choice(Choice.LEAD_SOURCE, code, "Trade fair", "展会"));
        });

        assertThat(entries("team.created")).anySatisfy(e -> assertThat(e.details()).isEqualTo(team));
        assertThat(entries("user.created")).anySatisfy(e -> {
            assertThat(e.targetId()).isEqualTo(username);
            assertThat(e.details()).startsWith("roles sales_manager, sales_rep, team ");
        });
        assertThat(entries("settings.pool")).extracting(AuditEntry::details)
                .contains("protection 45 days, 7 claims a day");
        assertThat(entries("settings.lists")).anySatisfy(e -> {
            assertThat(e.targetId()).isEqualTo(code);
            assertThat(e.details()).isEqualTo("added: Trade fair / 展会");
        });
    }

    private List<AuditEntry> entries(String action) {
        return as("admin", () -> audit.find(new AuditFilter(null, null, "admin", action), PageRequest.of(0, 20))
                .items());
    }
}
