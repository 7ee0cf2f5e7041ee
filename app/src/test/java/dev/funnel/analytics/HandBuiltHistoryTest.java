package dev.funnel.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnel.analytics.ConversionReport.StageConversion;
import dev.funnel.analytics.TimeInStageReport.StageTime;
import dev.funnel.customer.Customer;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.StageProgressService;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every report over a small history whose figures are worked out here by hand from docs/metrics.md. One rep,
 * one pipeline of three stages — Qualify (1), Propose (2), Negotiate (3) — and five deals, day 0 being today:
 *
 * <pre>
 *   A  100  created Q d0, moved P d2, moved N d5, won d6 for 120
 *   B  200  created Q d0, moved P d2, back to Q d5, moved P d8 (open in P)
 *   C  300  created Q d0, moved N d2 (skipping P), lost d6
 *   D  400  created Q d0, lost d3 (from Q)
 *   E  500  created Q d0 (open in Q), lead source 'website'
 * </pre>
 */
class HandBuiltHistoryTest extends IntegrationTest {

    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    StageProgressService progress;
    @Autowired
    ReportService reports;
    @Autowired
    dev.funnel.pipeline.PipelineService pipelines;
    @Autowired
    org.jooq.DSLContext db;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    Org company;
    Pipeline pipeline;
    LocalDate today;
    ReportFilter everything;
    Opportunity e;

    @BeforeEach
    void theHistory() {
        company = data.organisation();
        pipeline = data.pipeline();
        Customer customer = data.customerOf(company.eastRep());
        signIn(company.eastRep().username());
        // day 0 is the 28th of a 31-day month: days 0 to 3 end that month and days 5 to 8 begin the next, so that
        // a period can hold a whole month, which the conversion report reads from its summary, and single days
        LocalDate start = LocalDate.now(clock).plusMonths(1).withDayOfMonth(28);
        while (start.lengthOfMonth() != 31) {
            start = start.plusMonths(1);
        }
        clock.advance(Duration.between(clock.instant(), start.atTime(12, 0).atZone(clock.getZone()).toInstant()));
        today = LocalDate.now(clock);
        everything = new ReportFilter(today, today.plusDays(30), pipeline.id(), null, null, null, null, "CNY");

        Opportunity a = deal("A", customer, "100", null);
        Opportunity b = deal("B", customer, "200", null);
        Opportunity c = deal("C", customer, "300", null);
        Opportunity d = deal("D", customer, "400", null);
        e = deal("E", customer, "500", "website");
        clock.advance(Duration.ofDays(2));
        a = move(a, 1);
        b = move(b, 1);
        c = move(c, 2);
        clock.advance(Duration.ofDays(1));
        closing.lose(d.id(), d.version(), "price", null);
        clock.advance(Duration.ofDays(2));
        a = move(a, 2);
        b = move(b, 0);
        clock.advance(Duration.ofDays(1));
        closing.win(a.id(), a.version(), new BigDecimal("120"), LocalDate.now(clock));
        closing.lose(c.id(), c.version(), "price", null);
        clock.advance(Duration.ofDays(2));
        move(b, 1);
    }

    private Opportunity deal(String name, Customer customer, String amount, String source) {
        return editing.create(new OpportunityDraft(name, customer.id(), null, null, pipeline.id(), null,
                new BigDecimal(amount), "CNY", null, source, null, null, null, null, null));
    }

    private Opportunity move(Opportunity deal, int stageIndex) {
        return progress.moveToStage(deal.id(), deal.version(), pipeline.stages().get(stageIndex).id(), null);
    }

    @Test
    void the_funnel_counts_deals_that_reached_each_stage_skipped_stages_included() {
        FunnelReport funnel = reports.funnel(everything);

        assertThat(funnel.created()).isEqualTo(5);
        // Q: all five; P: A, B and C (C skipped it); N: A and C; A's amount is what it was won for
        assertThat(funnel.stages()).extracting(FunnelReport.Level::count).containsExactly(5L, 3L, 2L);
        assertThat(funnel.stages()).extracting(FunnelReport.Level::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("1520"), new BigDecimal("620"), new BigDecimal("420"));
        assertThat(funnel.won().count()).isEqualTo(1);
        assertThat(funnel.won().amount()).isEqualByComparingTo("120");
    }

    @Test
    void conversion_follows_each_deal_from_its_first_entry_into_a_stage() {
        ConversionReport conversion = reports.conversion(everything);

        // Q: 5 entered (B once, though it came back), A B C moved on, D lost, E still there
        // P: A and B entered (C skipped it), only A moved on; B went back and is in P again
        // N: A and C entered, A won, C lost
        assertThat(conversion.stages()).extracting(StageConversion::entered, StageConversion::advanced,
                        StageConversion::stillOpen, StageConversion::lost)
                .containsExactly(tuple(5L, 3L, 1L, 1L),
                        tuple(2L, 1L, 1L, 0L),
                        tuple(2L, 1L, 0L, 1L));
        assertThat(conversion.stages()).extracting(StageConversion::conversion)
                .containsExactly(Optional.of(new BigDecimal("0.6000")), Optional.of(new BigDecimal("0.5000")),
                        Optional.of(new BigDecimal("0.5000")));
        assertThat(conversion.stages().get(0).lostAmount()).isEqualByComparingTo("400");
        assertThat(conversion.stages().get(2).lostAmount()).isEqualByComparingTo("300");
    }

    @Test
    void conversion_reads_whole_months_and_single_days_alike() {
        LocalDate endOfNextMonth = today.plusDays(5).withDayOfMonth(today.plusDays(5).lengthOfMonth());

        // days 1 to 3 one by one, then the whole next month: on day 2 A and B entered P and C entered N, on day 5
        // A entered N; B's return to P on day 8 is not an entry
        assertThat(reports.conversion(everything.withPeriod(today.plusDays(1), endOfNextMonth)).stages())
                .extracting(StageConversion::entered, StageConversion::advanced, StageConversion::stillOpen,
                        StageConversion::lost)
                .containsExactly(tuple(0L, 0L, 0L, 0L), tuple(2L, 1L, 1L, 0L), tuple(2L, 1L, 0L, 1L));
        // days 3 to 29 of the month: the month less days 1, 2 (no entries) and 30, 31 (A's, B's and C's entries
        // into P and N on day 2), which leaves the five entries into Q on day 0, read day by day
        assertThat(reports.conversion(everything.withPeriod(today.withDayOfMonth(3), today.plusDays(1))).stages())
                .isEqualTo(reports.conversion(everything.withPeriod(today, today)).stages())
                .extracting(StageConversion::entered).containsExactly(5L, 0L, 0L);
        // the two whole months of the history give what its days gave
        assertThat(reports.conversion(everything.withPeriod(today.withDayOfMonth(1), endOfNextMonth)).stages())
                .isEqualTo(reports.conversion(everything).stages());
    }

    @Test
    void conversion_follows_changes_to_the_deal_behind_an_entry() {
        LocalDate endOfNextMonth = today.plusDays(5).withDayOfMonth(today.plusDays(5).lengthOfMonth());
        ReportFilter website = new ReportFilter(today.withDayOfMonth(1), endOfNextMonth, pipeline.id(), null, null,
                null, "website", null);
        ReportFilter referral = new ReportFilter(today.withDayOfMonth(1), endOfNextMonth, pipeline.id(), null, null,
                null, "referral", null);
        assertThat(reports.conversion(website).stages().get(0).entered()).isEqualTo(1);

        editing.update(e.id(), e.version(), new OpportunityDraft("E", e.customerId(), null, null, null, null,
                e.amount(), null, null, "referral", null, null, null, null, null));

        assertThat(reports.conversion(website).stages().get(0).entered()).isZero();
        assertThat(reports.conversion(referral).stages().get(0).entered()).isEqualTo(1);
    }

    @Test
    void a_bulk_write_leaves_its_deals_queued_and_the_report_derives_them_before_it_reads() {
        // as a statement over a thousand deals does, or an import: the transaction asks for deferral
        transaction.executeWithoutResult(status -> {
            db.execute("select set_config('funnel.stage_entries_deferred', 'on', true)");
            move(e, 1);
        });
        assertThat(db.fetchExists(DSL.table("stage_entry_stale"), DSL.field("opportunity_id").eq(e.id()))).isTrue();

        // P: A, B and now E entered; E is still open there
        assertThat(reports.conversion(everything).stages().get(1)).extracting(StageConversion::entered,
                StageConversion::stillOpen).containsExactly(3L, 2L);
        assertThat(db.fetchExists(DSL.table("stage_entry_stale"), DSL.field("opportunity_id").eq(e.id()))).isFalse();
    }

    @Test
    void time_in_stage_counts_stays_that_ended_and_reports_the_ones_still_going() {
        List<StageTime> stages = reports.timeInStage(everything).stages();

        // Q: A 2, B 2 and 3 (its second stay), C 2, D 3 -> mean 12/5, median 2; E still there
        // P: A 3, B 3; B's second stay still going.  N: A 1, C 4 -> mean and median 2.5
        assertThat(stages).extracting(StageTime::stays, StageTime::current)
                .containsExactly(tuple(5L, 1L),
                        tuple(2L, 1L), tuple(2L, 0L));
        assertThat(stages).extracting(StageTime::meanDays).containsExactly(Optional.of(new BigDecimal("2.40")),
                Optional.of(new BigDecimal("3.00")), Optional.of(new BigDecimal("2.50")));
        assertThat(stages).extracting(StageTime::medianDays).containsExactly(Optional.of(new BigDecimal("2.00")),
                Optional.of(new BigDecimal("3.00")), Optional.of(new BigDecimal("2.50")));
    }

    @Test
    void win_rates_by_count_and_amount_and_the_average_won_deal() {
        WinRateReport report = reports.winRates(everything, GroupBy.OWNER, Locale.ENGLISH);

        // closed: A won for 120, C lost at 300, D lost at 400
        assertThat(report.groups()).hasSize(1);
        WinRateReport.Group rep = report.groups().get(0);
        assertThat(rep.label()).isEqualTo(company.eastRep().fullName());
        assertThat(rep.won()).isEqualTo(1);
        assertThat(rep.lost()).isEqualTo(2);
        assertThat(rep.winRate()).contains(new BigDecimal("0.3333"));
        assertThat(rep.winRateByAmount()).contains(new BigDecimal("0.1463")); // 120 / 820
        assertThat(rep.averageWonAmount()).contains(new BigDecimal("120.00"));
        assertThat(report.total()).isEqualTo(new WinRateReport.Group(null, null, 1, 2, rep.wonAmount(),
                rep.lostAmount(), rep.winRate(), rep.winRateByAmount(), rep.averageWonAmount()));

        WinRateReport byMonth = reports.winRates(everything, GroupBy.MONTH, Locale.ENGLISH);
        assertThat(byMonth.groups()).extracting(WinRateReport.Group::won).containsOnly(0L, 1L);
        assertThat(byMonth.groups().stream().mapToLong(g -> g.won() + g.lost()).sum()).isEqualTo(3);
    }

    @Test
    void the_cycle_and_the_velocity_it_implies() {
        CycleReport cycle = reports.cycle(everything);

        assertThat(cycle.won()).isEqualTo(new CycleReport.Cycle(1, Optional.of(new BigDecimal("6.00")),
                Optional.of(new BigDecimal("6.00"))));
        // C lost after 6 days, D after 3
        assertThat(cycle.lost()).isEqualTo(new CycleReport.Cycle(2, Optional.of(new BigDecimal("4.50")),
                Optional.of(new BigDecimal("4.50"))));
        // B and E open; 2 x 1/3 x 120 / 6 days
        assertThat(cycle.openDeals()).isEqualTo(2);
        assertThat(cycle.velocityPerDay()).contains(new BigDecimal("13.33"));
    }

    @Test
    void a_later_period_sees_only_what_happened_in_it() {
        ReportFilter fromDay4 = everything.withPeriod(today.plusDays(4), today.plusDays(30));

        assertThat(reports.funnel(fromDay4).created()).isZero();
        // a deal counts from its first entry into a stage: B's return to Q on day 5 and to P on day 8 are not
        // entries (it entered both first on days 0 and 2); N: A entered on day 5 and was won
        assertThat(reports.conversion(fromDay4).stages()).extracting(StageConversion::entered,
                        StageConversion::advanced)
                .containsExactly(tuple(0L, 0L),
                        tuple(0L, 0L), tuple(1L, 1L));
        WinRateReport.Group total = reports.winRates(fromDay4, GroupBy.OWNER, Locale.ENGLISH).total();
        assertThat(total.won()).isEqualTo(1);
        assertThat(total.lost()).isEqualTo(1);
        assertThat(total.winRate()).contains(new BigDecimal("0.5000"));
        // stays ending from day 4: Q: B's second (3 days); P: A's and B's first (ended day 5); N: A's and C's
        assertThat(reports.timeInStage(fromDay4).stages()).extracting(StageTime::stays)
                .containsExactly(1L, 2L, 2L);
    }

    @Test
    void filters_narrow_the_deals_and_visibility_hides_other_peoples() {
        ReportFilter website = new ReportFilter(today, today.plusDays(30), pipeline.id(), null, null, null,
                "website", null);
        assertThat(reports.funnel(website).created()).isEqualTo(1);
        assertThat(reports.funnel(website).stages()).extracting(FunnelReport.Level::count)
                .containsExactly(1L, 0L, 0L);

        ReportFilter otherCurrency = everything.withCurrency("USD");
        assertThat(reports.funnel(otherCurrency).created()).isZero();

        // the west rep sees none of it; the east manager all of it, also through the team filter
        signIn(company.westRep().username());
        assertThat(reports.funnel(everything).created()).isZero();
        assertThat(reports.winRates(everything, GroupBy.OWNER, Locale.ENGLISH).groups()).isEmpty();
        signIn(company.eastManager().username());
        assertThat(reports.funnel(everything).created()).isEqualTo(5);
        ReportFilter eastTeam = new ReportFilter(today, today.plusDays(30), pipeline.id(), company.east().id(),
                null, null, null, null);
        assertThat(reports.funnel(eastTeam).created()).isEqualTo(5);
        ReportFilter westTeam = new ReportFilter(today, today.plusDays(30), pipeline.id(), company.west().id(),
                null, null, null, null);
        assertThat(reports.funnel(westTeam).created()).isZero();
    }

    @Test
    void after_the_stages_are_reordered_the_funnel_follows_the_new_order() {
        // F goes Q, P, N: forward in the order Q P N, backward from P in the new order Q N P
        Opportunity f = deal("F", data.customerOf(company.eastRep()), "600", null);
        move(move(f, 1), 2);
        assertThat(reports.conversion(everything).stages().get(1)).extracting(StageConversion::entered,
                StageConversion::advanced).containsExactly(3L, 2L);
        // Q, N, P: A reached N and won; B and F reached P (now the last stage); C reached N; D and E only Q
        data.asAdmin(() -> pipelines.reorder(pipeline.id(), List.of(pipeline.stages().get(0).id(),
                pipeline.stages().get(2).id(), pipeline.stages().get(1).id())));

        FunnelReport funnel = reports.funnel(everything);

        assertThat(funnel.stages()).extracting(FunnelReport.Level::nameEn).containsExactly("Qualify", "Negotiate",
                "Propose");
        assertThat(funnel.stages()).extracting(FunnelReport.Level::count).containsExactly(6L, 4L, 3L);
        assertThat(funnel.stages()).extracting(FunnelReport.Level::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("2120"),
                        new BigDecimal("1220"), new BigDecimal("920"));
        // P is last now: of A, B and F, which entered it, only A moved on (by being won); F went back to N
        assertThat(reports.conversion(everything).stages().get(2)).extracting(StageConversion::nameEn,
                StageConversion::entered, StageConversion::advanced).containsExactly("Propose", 3L, 1L);
    }

    @Test
    void a_period_that_ends_before_it_starts_is_refused() {
        assertThatThrownBy(() -> reports.funnel(everything.withPeriod(today, today.minusDays(1))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .anyMatch(p -> p.field().equals("to")));
    }
}
