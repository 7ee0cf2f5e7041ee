package dev.funnel.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.funnel.analytics.CycleChangeReport.GroupContribution;
import dev.funnel.analytics.CycleChangeReport.StageContribution;
import dev.funnel.customer.Customer;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.StageProgressService;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Why the cycle changed, on deals worked out by hand. Pipeline Qualify → Propose → Negotiate; day 0 is the first
 * day, every change at noon:
 *
 * <pre>
 *   the earlier period, days 0–9:  A (east) created d0, Propose d2, won d4   cycle 4 = Qualify 2 + Propose 2
 *                                  B (east) created d1, won d7               cycle 6 = Qualify 6
 *   the later period, days 20–39:  C (east) created d20, Propose d22, won d32  cycle 12 = Qualify 2 + Propose 10
 *                                  D (west) created d21, won d25             cycle 4 = Qualify 4
 * </pre>
 *
 * Mean cycle 5 → 8: +3 days = Qualify −1 (4 → 3) + Propose +4 (1 → 5). East: w 1 → ½, mean 5 → 12: mix
 * (½ − 1) × 8.5 = −4.25, rate ¾ × 7 = +5.25, contribution +1; west: w 0 → ½ at 4: mix +2. Together +3.
 */
class CycleChangeTest extends IntegrationTest {

    @Autowired
    CycleChangeService cycles;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    StageProgressService progress;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    MockMvc http;

    Org company;
    Pipeline pipeline;
    LocalDate d0;
    ReportFilter everything;
    Map<String, Opportunity> deals = new HashMap<>();

    @BeforeEach
    void twoPeriodsOfWonDeals() {
        company = data.organisation();
        pipeline = data.pipeline();
        d0 = LocalDate.now(clock).plusDays(3);
        everything = new ReportFilter(null, null, pipeline.id(), null, null, null, null, null);
        Customer east = data.customerOf(company.eastRep());
        Customer west = data.customerOf(company.westRep());
        signIn(company.eastRep().username());
        at(0);
        create("A", east);
        at(1);
        create("B", east);
        at(2);
        propose("A");
        at(4);
        win("A");
        at(7);
        win("B");
        at(20);
        create("C", east);
        signIn(company.westRep().username());
        at(21);
        create("D", west);
        signIn(company.eastRep().username());
        at(22);
        propose("C");
        signIn(company.westRep().username());
        at(25);
        win("D");
        signIn(company.eastRep().username());
        at(32);
        win("C");
        at(45);
    }

    @Test
    void the_change_of_the_mean_cycle_is_split_by_stage_and_by_rep_and_adds_up() {
        signIn(company.director().username());
        CycleChangeReport report = cycles.compare(everything, d0, d0.plusDays(9), d0.plusDays(20), d0.plusDays(39),
                Locale.ENGLISH);

        assertThat(report.first().won()).isEqualTo(2);
        assertThat(report.first().meanDays()).isEqualByComparingTo("5");
        assertThat(report.first().medianDays()).isEqualByComparingTo("5");
        assertThat(report.second().meanDays()).isEqualByComparingTo("8");
        assertThat(report.second().medianDays()).isEqualByComparingTo("8");
        assertThat(report.meanDifference()).isEqualByComparingTo("3");
        assertThat(report.first().winRate()).isEqualByComparingTo("1");

        assertThat(report.stages()).extracting(StageContribution::nameEn, s -> s.firstDays().stripTrailingZeros(),
                        s -> s.secondDays().stripTrailingZeros(), s -> s.contributionDays().stripTrailingZeros(),
                        StageContribution::firstDeals, StageContribution::secondDeals)
                .containsExactly(
                        tuple("Qualify", new BigDecimal("4"), new BigDecimal("3"), new BigDecimal("-1"), 2L, 2L),
                        tuple("Propose", new BigDecimal("1"), new BigDecimal("5"), new BigDecimal("4"), 1L, 1L),
                        tuple("Negotiate", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0L, 0L));
        assertThat(report.otherDays()).isEqualByComparingTo("0");

        assertThat(report.reps()).extracting(GroupContribution::label, g -> g.mixDays().stripTrailingZeros(),
                        g -> g.rateDays().stripTrailingZeros(), g -> g.contributionDays().stripTrailingZeros())
                .containsExactly(
                        tuple(company.westRep().fullName(), new BigDecimal("2"), BigDecimal.ZERO, new BigDecimal("2")),
                        tuple(company.eastRep().fullName(), new BigDecimal("-4.25"), new BigDecimal("5.25"),
                                BigDecimal.ONE));
        // no products, no sources: one group each, carrying the whole difference
        assertThat(report.products()).singleElement()
                .satisfies(g -> assertThat(g.contributionDays()).isEqualByComparingTo("3"));
        assertThat(report.sources()).singleElement()
                .satisfies(g -> assertThat(g.key()).isNull());
    }

    @Test
    void a_rep_sees_only_their_own_deals_and_bad_periods_are_refused_by_name() throws Exception {
        signIn(company.westRep().username());
        CycleChangeReport mine = cycles.compare(everything, d0, d0.plusDays(9), d0.plusDays(20), d0.plusDays(39),
                Locale.ENGLISH);
        assertThat(mine.first().won()).isZero();
        assertThat(mine.second().won()).isEqualTo(1);
        assertThat(mine.meanDifference()).isNull();

        assertThatThrownBy(() -> cycles.compare(everything, d0.plusDays(9), d0, d0.plusDays(20), d0.plusDays(39),
                Locale.ENGLISH))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactly("to1"));

        http.perform(get("/api/v1/reports/cycle-change").param("pipelineId", String.valueOf(pipeline.id()))
                        .param("from1", d0.toString()).param("to1", d0.plusDays(9).toString())
                        .param("from2", d0.plusDays(20).toString()).param("to2", d0.plusDays(39).toString())
                        .with(httpBasic(company.director().username(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.meanDifference", is(3.0)))
                .andExpect(jsonPath("$.stages[1].contributionDays", is(4.0)));
        http.perform(get("/api/v1/reports/cycle-change").param("from1", d0.toString())
                        .with(httpBasic(company.director().username(), TestData.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("to1")));
    }

    private void at(int day) {
        var when = d0.plusDays(day).atTime(LocalTime.NOON).atZone(clock.getZone()).toInstant();
        clock.advance(Duration.between(clock.instant(), when));
    }

    private void create(String name, Customer customer) {
        deals.put(name, editing.create(new OpportunityDraft(name, customer.id(), null, null, pipeline.id(), null,
                new BigDecimal("1000"), "CNY", d0.plusDays(60), null, null, null)));
    }

    private void propose(String name) {
        Opportunity deal = opportunities.get(deals.get(name).id());
        progress.moveToStage(deal.id(), deal.version(), pipeline.stages().get(1).id(), null);
    }

    private void win(String name) {
        Opportunity deal = opportunities.get(deals.get(name).id());
        closing.win(deal.id(), deal.version(), new BigDecimal("1000"), LocalDate.now(clock));
    }
}
