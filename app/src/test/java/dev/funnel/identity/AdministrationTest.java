package dev.funnel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

/** Users, teams and pipelines, as an administrator sets them up. */
class AdministrationTest extends IntegrationTest {

    @Autowired
    UserService users;
    @Autowired
    TeamService teams;
    @Autowired
    PipelineService pipelines;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_user_name_is_unique_and_passwords_must_fit_the_hash() {
        signIn("admin");
        String username = TestData.unique("li.na");
        users.create(new NewUser(username, "李娜", "li.na@example.cn", "long-enough", null, Set.of(Role.SALES_REP)));

        assertThatThrownBy(() -> users.create(new NewUser(username.toUpperCase(Locale.ROOT), "李娜", null,
                "short", null, Set.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactlyInAnyOrder("username", "password", "roles"));
        assertThatThrownBy(() -> users.create(new NewUser(TestData.unique("x"), "X", null, "密码".repeat(13), null,
                Set.of(Role.SALES_REP))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey).containsExactly("validation.password.long"));
    }

    @Test
    void only_an_administrator_creates_users_and_teams() {
        var manager = data.user(Role.SALES_MANAGER, null);
        signIn(manager.username());

        assertThatThrownBy(() -> users.create(new NewUser("x", "x", null, "long-enough", null, Set.of(Role.ADMIN))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> teams.create(new NewTeam("x", null, null))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void teams_nest_under_existing_teams_only() {
        signIn("admin");
        Team region = teams.create(new NewTeam(TestData.unique("华东大区"), null, null));
        Team city = teams.create(new NewTeam(TestData.unique("上海组"), region.id(), null));

        assertThat(city.parentId()).isEqualTo(region.id());
        assertThatThrownBy(() -> teams.create(new NewTeam(TestData.unique("orphan"), 987654321L, null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> teams.create(new NewTeam(region.name(), null, null)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void an_administrator_moves_a_user_to_a_team_changes_roles_and_disables_the_account_and_each_is_audited() {
        signIn("admin");
        Team team = teams.create(new NewTeam(TestData.unique("华南组"), null, null));
        UserSummary rep = data.user(Role.SALES_REP, null);

        UserSummary changed = users.update(rep.id(), new UserChanges("  " + rep.fullName() + "  ", "",
                team.id(), Set.of(Role.SALES_REP, Role.SALES_MANAGER), false, rep.version()));

        assertThat(changed.teamId()).isEqualTo(team.id());
        assertThat(changed.roles()).containsExactlyInAnyOrder(Role.SALES_REP, Role.SALES_MANAGER);
        assertThat(changed.enabled()).isFalse();
        assertThat(changed.fullName()).isEqualTo(rep.fullName());
        assertThat(changed.email()).isNull();
        assertThat(changed.version()).isEqualTo(rep.version() + 1);
        assertThat(jdbc.queryForObject("select details from audit_event where action = 'user.changed' "
                + "and target_id = ? order by id desc limit 1", String.class, rep.username()))
                .isEqualTo("roles sales_rep -> sales_manager, sales_rep, team none -> " + team.id() + ", disabled");
    }

    @Test
    void a_change_made_on_an_old_version_of_the_account_is_refused_and_nothing_is_written() {
        signIn("admin");
        UserSummary rep = data.user(Role.SALES_REP, null);
        users.update(rep.id(), new UserChanges("Renamed", null, null, Set.of(Role.SALES_REP), true, rep.version()));

        assertThatThrownBy(() -> users.update(rep.id(), new UserChanges("Stale", null, null,
                Set.of(Role.ADMIN), true, rep.version()))).isInstanceOf(StaleVersionException.class);
        assertThat(users.list().stream().filter(u -> u.id() == rep.id()).findFirst().orElseThrow())
                .satisfies(u -> {
                    assertThat(u.fullName()).isEqualTo("Renamed");
                    assertThat(u.roles()).containsExactly(Role.SALES_REP);
                });
    }

    @Test
    void an_administrator_cannot_lock_themself_out_and_a_managers_cannot_edit_accounts() {
        UserSummary admin = data.user(Role.ADMIN, null);
        signIn(admin.username());

        assertThatThrownBy(() -> users.update(admin.id(), new UserChanges(admin.fullName(), null, null,
                Set.of(Role.SALES_REP), false, admin.version())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey)
                        .contains("validation.user.self-disable", "validation.user.self-admin"));

        UserSummary manager = data.user(Role.SALES_MANAGER, null);
        signIn(manager.username());
        assertThatThrownBy(() -> users.update(manager.id(), new UserChanges("x", null, null,
                Set.of(Role.ADMIN), true, manager.version()))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void taking_an_administrator_away_waits_for_any_other_such_change_so_two_cannot_both_pass_the_last_admin_check()
            throws Exception {
        UserSummary other = as("admin", () -> data.user(Role.ADMIN, null));
        java.util.concurrent.ExecutorService second = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection held = jdbc.getDataSource().getConnection()) {
            // another administrator's demotion, still between its check and its commit
            held.createStatement().execute("select pg_advisory_lock(" + 0x46554e4e454c41L + ")");
            java.util.concurrent.Future<UserSummary> demotion = second.submit(() -> as("admin", () ->
                    users.update(other.id(), new UserChanges(other.fullName(), null, null, Set.of(Role.SALES_REP),
                            true, other.version()))));

            assertThatThrownBy(() -> demotion.get(1, java.util.concurrent.TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            held.createStatement().execute("select pg_advisory_unlock(" + 0x46554e4e454c41L + ")");
            assertThat(demotion.get(30, java.util.concurrent.TimeUnit.SECONDS).roles())
                    .containsExactly(Role.SALES_REP);
        } finally {
            second.shutdownNow();
        }
    }

    @Test
    void the_chosen_language_is_remembered_on_the_account() {
        var rep = data.user(Role.SALES_REP, null);
        signIn(rep.username());

        users.changeLanguage(Locale.SIMPLIFIED_CHINESE);

        assertThat(users.me().locale()).isEqualTo("zh-CN");
        assertThatThrownBy(() -> users.changeLanguage(Locale.FRENCH)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_pipeline_needs_stages_with_names_in_both_languages_and_sane_probabilities() {
        signIn("admin");

        assertThatThrownBy(() -> pipelines.create(new NewPipeline(TestData.unique("empty"), null, false, List.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("stages"));
        assertThatThrownBy(() -> pipelines.create(new NewPipeline(TestData.unique("bad"), null, false, List.of(
                new NewStage("Qualify", "", 10), new NewStage("Qualify", "验证", 120)))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field)
                        .containsExactlyInAnyOrder("stages[0].nameZh", "stages[1].probability", "stages[1].nameEn"));
    }
}
