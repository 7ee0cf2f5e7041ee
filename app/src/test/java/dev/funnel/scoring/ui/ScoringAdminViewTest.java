package dev.funnel.scoring.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.RouteParameters;
import dev.funnel.followup.FollowUpService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.plugin.PluginSettingsService;
import dev.funnel.plugin.ui.PluginView;
import dev.funnel.scoring.ScorerStatus;
import dev.funnel.scoring.ScoringService;
import dev.funnel.testsupport.EngagementHistory;
import dev.funnel.testsupport.KaribuTest;
import dev.funnel.testsupport.TestData;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What administrators see of the scorers: the choice of the deals' win probability, training on demand, and
 * the model's figures beside the stage-probability baseline, on the scoring page and on the plugin's own page.
 */
class ScoringAdminViewTest extends KaribuTest {

    @Autowired
    ScoringService scoring;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    FollowUpService followUps;
    @Autowired
    PluginSettingsService pluginSettings;
    @Autowired
    dev.funnel.scoring.internal.ScoringRun run;

    @AfterEach
    void noPrimaryScorer() {
        as("admin", () -> {
            scoring.choosePrimary(null);
            return null;
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_admin_trains_the_model_sees_its_figures_and_makes_it_the_deals_win_probability() throws Exception {
        as("admin", () -> pluginSettings.save("win-probability", "training", null, null,
                Map.of("min_closed_deals", "40")));
        UserSummary rep = data.user(Role.SALES_REP, null);
        new EngagementHistory(editing, closing, followUps, data, clock).closeDeals(rep, data.pipeline(),
                data.customerOf(rep).id(), TestData.unique("admin-figures"), 60);
        login("admin");
        UI.getCurrent().navigate(ScoringView.class);

        _click(_get(Button.class, spec -> spec.withId("train-win-probability")));
        // the training runs in the background; the page asks every two seconds until it is done
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(2_000);
        run.awaitBackground(java.time.Duration.ofSeconds(120));
        com.vaadin.flow.component.ComponentUtil.fireEvent(UI.getCurrent(),
                new com.vaadin.flow.component.PollEvent(UI.getCurrent(), true));
        assertThat(UI.getCurrent().getPollInterval()).as("polling stops once the model is there").isEqualTo(-1);

        Div card = scorerCard("win-probability");
        ModelFigures figures = _get(card, ModelFigures.class);
        assertThat(_find(figures, Paragraph.class).get(0).getText()).startsWith("A calibrated logistic model");
        assertThat(_size(figures.figures)).isEqualTo(2);
        assertThat(_size(figures.reliability)).isEqualTo(10);
        JsonNode chart = new ObjectMapper().readTree(figures.chart.getOption());
        assertThat(chart.at("/series/0/name").asText()).isEqualTo("This model");
        assertThat(chart.at("/series/1/name").asText()).isEqualTo("Stage probability");
        assertThat(chart.at("/series/0/data").size()).isPositive();
        assertThat(chart.at("/series/2/data/1/0").asDouble()).isEqualTo(1.0);

        Select<String> primary = _get(Select.class, spec -> spec.withId("scoring-primary"));
        _setValue(primary, "win-probability");
        assertThat(as("admin", () -> scoring.scorers(Locale.ENGLISH)).stream()
                .filter(ScorerStatus::primary).map(ScorerStatus::id)).containsExactly("win-probability");

        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        UI.getCurrent().navigate(PluginView.class, new RouteParameters("pluginId", "win-probability"));
        ModelFigures onThePluginPage = _get(scorerCard("win-probability"), ModelFigures.class);
        assertThat(_find(onThePluginPage, Paragraph.class).get(0).getText()).startsWith("校准后的逻辑回归模型");
        assertThat(new ObjectMapper().readTree(onThePluginPage.chart.getOption()).at("/series/0/name").asText())
                .isEqualTo("本模型");
    }

    private static Div scorerCard(String scorerId) {
        return _find(Div.class, spec -> spec.withClasses("funnel-scorer-card")).stream()
                .filter(div -> scorerId.equals(div.getElement().getAttribute("data-scorer")))
                .findFirst().orElseThrow();
    }
}
