package dev.funnel.scoring;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.RouteParameters;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.ui.BoardView;
import dev.funnel.pipeline.ui.OpportunityView;
import dev.funnel.testsupport.KaribuTest;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a rep sees of the scores: the board card's badge and the deal page's "why this score" tab, from the
 * bundled deal-grade scorer as the primary one, in English and Chinese.
 */
class ScoreViewsTest extends KaribuTest {

    @Autowired
    ScoringService scoring;

    UserSummary rep;
    Pipeline pipeline;
    Opportunity deal;

    @BeforeEach
    void aScoredDeal() {
        rep = data.user(Role.SALES_REP, null);
        pipeline = data.pipeline();
        deal = data.opportunityOf(rep, pipeline);
        as("admin", () -> {
            scoring.choosePrimary("deal-grade");
            return null;
        });
        as(rep.username(), () -> scoring.rescore(deal.id(), Locale.ENGLISH));
        login(rep.username());
    }

    @AfterEach
    void noPrimaryScorer() {
        as("admin", () -> {
            scoring.choosePrimary(null);
            return null;
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_board_card_shows_the_primary_scorers_probability() {
        UI.getCurrent().navigate(BoardView.class);
        Select<Pipeline> picker = _get(Select.class, spec -> spec.withId("board-pipeline"));
        picker.setValue(picker.getListDataView().getItems().filter(p -> p.id() == pipeline.id()).findFirst()
                .orElseThrow());

        // the standard scorecard: budget 15 of 100 earned
        Span badge = _get(Span.class, spec -> spec.withClasses("funnel-card-score"));
        assertThat(badge.getText()).isEqualTo("15%");
        assertThat(badge.getElement().getAttribute("title")).isEqualTo("Win probability 15% (the primary scorer's)");
    }

    @Test
    void the_deal_page_says_why_in_the_readers_language_and_scores_again_on_demand() {
        UI.getCurrent().navigate(OpportunityView.class, new RouteParameters("id", String.valueOf(deal.id())));
        openTab("Score");

        assertThat(_find(ListItem.class).stream().map(item -> item.getElement().getTextRecursively()).toList())
                .contains("▲ Yes — Budget: is the amount known?", "▼ No — Authority: is a decision maker involved?");
        assertThat(_get(dealGrade(), Span.class, spec -> spec.withClasses("funnel-score-probability")).getText())
                .isEqualTo("Win probability 15%");
        _click(_get(Button.class, spec -> spec.withId("score-again")));
        assertThat(_find(dealGrade(), Span.class, spec -> spec.withClasses("funnel-score-probability"))).hasSize(1);

        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        UI.getCurrent().navigate(OpportunityView.class, new RouteParameters("id", String.valueOf(deal.id())));
        openTab("评分");
        assertThat(_find(ListItem.class).stream().map(item -> item.getElement().getTextRecursively()).toList())
                .contains("▲ 是 — 预算：金额是否已确认？");
        assertThat(_get(dealGrade(), Span.class, spec -> spec.withClasses("funnel-score-probability")).getText())
                .isEqualTo("赢率 15%");
    }

    /** The deal-grade scorer's verdict; the bundled win-probability scorer gives its own beside it. */
    private static com.vaadin.flow.component.html.Div dealGrade() {
        return _find(com.vaadin.flow.component.html.Div.class, spec -> spec.withClasses("funnel-score-verdict"))
                .stream().filter(box -> "deal-grade".equals(box.getElement().getAttribute("data-scorer")))
                .findFirst().orElseThrow();
    }

    private static void openTab(String label) {
        _get(com.vaadin.flow.component.tabs.TabSheet.class).setSelectedTab(
                _get(com.vaadin.flow.component.tabs.Tab.class, spec -> spec.withLabel(label)));
    }
}
