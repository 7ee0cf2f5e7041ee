package dev.funnel.analytics.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import dev.funnel.analytics.MovedDeal;
import dev.funnel.customer.Customer;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.platform.ui.EChart;
import dev.funnel.testsupport.KaribuTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pipeline review page on a rep's pipeline: two deals open a week ago, one won since, one created since. The
 * waterfall draws the week's movement and its bars open the deals behind them.
 */
class PipelineReviewViewTest extends KaribuTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    OpportunityEditService editing;
    @Autowired
    OpportunityCloseService closing;

    UserSummary rep;
    Pipeline pipeline;
    PipelineReviewView view;

    @BeforeEach
    void aWeekOfDeals() {
        rep = data.user(Role.SALES_REP, null);
        pipeline = data.pipeline();
        Customer customer = data.customerOf(rep);
        data.as(rep.username(), () -> {
            Opportunity won = create("Won since", customer, "30000");
            create("Still open", customer, "20000");
            clock.advance(Duration.ofDays(8));
            create("New this week", customer, "50000");
            return closing.win(won.id(), won.version(), new BigDecimal("30000"), LocalDate.now(clock));
        });
        login(rep.username());
        UI.getCurrent().navigate("reports/review");
        view = _get(PipelineReviewView.class);
        view.filters.pipeline.setValue(view.filters.pipeline.getListDataView().getItems()
                .filter(p -> p.id() == pipeline.id()).findFirst().orElseThrow());
    }

    private Opportunity create(String name, Customer customer, String amount) {
        return editing.create(new OpportunityDraft(name, customer.id(), null, null, pipeline.id(), null,
                new BigDecimal(amount), "CNY", null, null, null, null, null, null, null));
    }

    @Test
    void the_waterfall_draws_the_weeks_movement_and_a_bar_lists_its_deals() throws Exception {
        JsonNode option = JSON.readTree(view.waterfall.getOption());
        JsonNode names = option.get("xAxis").get("data");
        assertThat(names.size()).isEqualTo(4);
        assertThat(names.get(1).asText()).isEqualTo("Created (1)");
        assertThat(names.get(2).asText()).isEqualTo("Won (1)");
        JsonNode shown = option.get("series").get(1).get("data");
        assertThat(shown.get(0).get("value").decimalValue()).isEqualByComparingTo("50000");
        assertThat(shown.get(3).get("value").decimalValue()).isEqualByComparingTo("70000");
        assertThat(view.summary.getText()).contains("2 deals").contains("Change");

        ComponentUtil.fireEvent(view.waterfall, new EChart.ClickEvent(view.waterfall, true, 1, 2, "Won"));
        MovedDealsDialog dialog = _get(MovedDealsDialog.class);
        assertThat(GridKt._size(dialog.grid)).isEqualTo(1);
        MovedDeal deal = GridKt._get(dialog.grid, 0);
        assertThat(deal.name()).isEqualTo("Won since");
    }

    @Test
    void the_flagged_deals_say_what_is_wrong() {
        // nothing was ever followed up
        assertThat(GridKt._size(view.flagged)).isEqualTo(2);
        assertThat(_find(view.flagButtons, com.vaadin.flow.component.button.Button.class)).hasSize(7);
        assertThat(view.flaggedCount.getText()).isEqualTo("2 deals flagged");
    }
}
