package dev.funnel.analytics.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import dev.funnel.analytics.DealRow;
import dev.funnel.customer.Customer;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.StageProgressService;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.platform.ui.EChart;
import dev.funnel.testsupport.KaribuTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Reports page on a rep's own pipeline: three deals, one moved on and won, one lost. The filters change the
 * figures the charts draw, and a click on a bar lists exactly the deals behind it.
 */
class ReportsViewTest extends KaribuTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    StageProgressService progress;

    UserSummary rep;
    Pipeline pipeline;
    ReportsView view;

    @BeforeEach
    void aRepWithThreeDeals() {
        rep = data.user(Role.SALES_REP, null);
        pipeline = data.pipeline();
        Customer customer = data.customerOf(rep);
        data.as(rep.username(), () -> {
            Opportunity won = create("Won deal", customer, "website");
            Opportunity lost = create("Lost deal", customer, null);
            create("Open deal", customer, null);
            won = progress.moveToStage(won.id(), won.version(), pipeline.stages().get(1).id(), null);
            closing.win(won.id(), won.version(), new BigDecimal("80000"), LocalDate.now(clock));
            return closing.lose(lost.id(), lost.version(), "price", null);
        });
        login(rep.username());
        UI.getCurrent().navigate("reports");
        view = _get(ReportsView.class);
        view.filters.pipeline.setValue(view.filters.pipeline.getListDataView().getItems()
                .filter(p -> p.id() == pipeline.id()).findFirst().orElseThrow());
    }

    private Opportunity create(String name, Customer customer, String source) {
        return editing.create(new OpportunityDraft(name, customer.id(), null, null, pipeline.id(), null,
                new BigDecimal("100000"), "CNY", null, source, null, null, null, null, null));
    }

    @Test
    void one_click_from_the_cycle_figure_compares_the_period_with_the_one_before_for_the_same_deals() {
        LocalDate today = LocalDate.now(clock);
        view.filters.from.setValue(today.minusDays(29));
        view.filters.to.setValue(today);
        com.github.mvysny.kaributesting.v10.LocatorJ._click(
                com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.button.Button.class,
                        spec -> spec.withId("reports-open-cycle-change")));

        CycleChangeView change = _get(CycleChangeView.class);
        assertThat(change.from2.getValue()).isEqualTo(today.minusDays(29));
        assertThat(change.to2.getValue()).isEqualTo(today);
        assertThat(change.from1.getValue()).isEqualTo(today.minusDays(59));
        assertThat(change.to1.getValue()).isEqualTo(today.minusDays(30));
        assertThat(change.filters.pipeline.getValue().id()).isEqualTo(pipeline.id());
        // the won deal of this month is the later period's; the earlier one has none to compare with
        assertThat(change.report.second().won()).isEqualTo(1);
        assertThat(change.report.first().won()).isZero();
        assertThat(change.summary.getText()).isEqualTo(
                "One of the periods has no won deal: there is no cycle to compare.");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._size(change.reps)).isEqualTo(1);
    }

    @Test
    void the_charts_draw_the_figures_of_the_chosen_filters() throws Exception {
        // the funnel: all three entered Qualify, the won one reached Propose and beyond, then the Won level
        assertThat(values(view.funnelChart)).containsExactly(3, 1, 1, 1);
        assertThat(names(view.funnelChart)).containsExactly("Qualify", "Propose", "Negotiate", "Won of them");
        assertThat(values(view.leaderChart)).containsExactly(80000);
        assertThat(_find(com.vaadin.flow.component.html.Span.class, s -> s.withText("50.0 %"))).hasSize(1);

        view.filters.source.setValue(view.filters.source.getListDataView().getItems()
                .filter(c -> c.code().equals("website")).findFirst().orElseThrow());
        assertThat(values(view.funnelChart)).containsExactly(1, 1, 1, 1);

        view.filters.source.clear();
        view.filters.currency.setValue("USD");
        assertThat(values(view.funnelChart)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void a_click_on_a_bar_lists_the_deals_behind_it() {
        click(view.funnelChart, 0, "Qualify");
        assertThat(dealsListed()).containsExactlyInAnyOrder("Won deal", "Lost deal", "Open deal");
        _get(DealsDialog.class).close();

        click(view.funnelChart, 3, "Won");
        assertThat(dealsListed()).containsExactly("Won deal");
        _get(DealsDialog.class).close();

        // the leaderboard's bar is the rep's won deals
        click(view.leaderChart, 0, rep.fullName());
        assertThat(dealsListed()).containsExactly("Won deal");
        assertThat(_get(DealsDialog.class).count.getText()).isEqualTo("1 opportunities");
    }

    @Test
    void the_forecast_page_shows_closed_won_and_each_stages_probabilities() {
        UI.getCurrent().navigate("forecast");
        ForecastView forecast = _get(ForecastView.class);
        forecast.picker.kind.setValue(dev.funnel.analytics.PeriodKind.MONTH);
        forecast.pipeline.setValue(forecast.pipeline.getListDataView().getItems()
                .filter(p -> p.id() == pipeline.id()).findFirst().orElseThrow());

        assertThat(_find(com.vaadin.flow.component.html.Span.class, s -> s.withText("¥80K"))).isNotEmpty();
        assertThat(GridKt._size(forecast.stages)).isEqualTo(3);
        assertThat(GridKt._fetch(forecast.stages, 0, 3)).extracting(s -> s.configured())
                .containsExactly(10, 50, 90);
    }

    private static void click(EChart chart, int index, String name) {
        ComponentUtil.fireEvent(chart, new EChart.ClickEvent(chart, true, 0, index, name));
    }

    private static List<String> dealsListed() {
        DealsDialog dialog = _get(DealsDialog.class);
        return GridKt._fetch(dialog.grid, 0, 100).stream().map(DealRow::name).toList();
    }

    private static List<Integer> values(EChart chart) throws Exception {
        JsonNode data = JSON.readTree(chart.getOption()).get("series").get(0).get("data");
        List<Integer> values = new ArrayList<>();
        data.forEach(d -> values.add(d.isObject() ? d.get("value").asInt() : d.asInt()));
        return values;
    }

    private static List<String> names(EChart chart) throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(chart.getOption()).get("series").get(0).get("data").forEach(d -> names.add(d.get("name")
                .asText()));
        return names;
    }
}
