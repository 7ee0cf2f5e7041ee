package dev.funnel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Users, teams and pipelines, as an administrator sets them up. */
class AdministrationTest extends IntegrationTest {

    @Autowired
    UserService users;
    @Autowired
    TeamService teams;
    @Autowired
    PipelineService pipelines;

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
