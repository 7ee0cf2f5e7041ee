package dev.funnel.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.analytics.FlaggedDeal.Flag;
import dev.funnel.analytics.PipelineMovement.Bar;
import dev.funnel.analytics.PipelineMovement.Movement;
import dev.funnel.analytics.PipelineMovement.StageMovement;
import dev.funnel.customer.Customer;
import dev.funnel.pipeline.DealChange;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.StageProgressService;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pipeline as of a date, the movement between two dates and the flags, over a history worked out by hand.
 * One pipeline of three stages — Qualify (10 %), Propose (50 %), Negotiate (90 %) — day 0 being the first day,
 * every change at noon unless said otherwise:
 *
 * <pre>
 *   A  100, close d30   created d0, moved to Propose d2, amount 120 d5
 *   B  200, close d30   created d0, amount cut to 150 d2, lost d3
 *   C  300, close d30   created d0, close date pushed to d45 d2, lost d3, reopened d5 by the manager
 *   D  400, close d60   created d1, won d4 for 450
 *   E  500, close d30   created d6 at 09:00, lost d6 at 10:00
 *   F  600, close d35   created d4, amount cut to 550 d5
 *   W  700              the west rep's, created d0 (only the manager above both sees it)
 * </pre>
 */
class PipelineHistoryTest extends IntegrationTest {

    @Autowired
    PipelineHistoryService history;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    StageProgressService progress;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    FollowUpService followUps;

    Org company;
    Pipeline pipeline;
    LocalDate d0;
    ReportFilter everything;
    Map<String, Opportunity> deals = new java.util.HashMap<>();

    @BeforeEach
    void theHistory() {
        company = data.organisation();
        pipeline = data.pipeline();
        d0 = LocalDate.now(clock).plusDays(3);
        at(0, 12);
        Customer east = data.customerOf(company.eastRep());
        Customer west = data.customerOf(company.westRep());
        everything = new ReportFilter(null, null, pipeline.id(), null, null, null, null, "CNY");

        signIn(company.westRep().username());
        create("W", west, "700", 30);
        signIn(company.eastRep().username());
        create("A", east, "100", 30);
        create("B", east, "200", 30);
        create("C", east, "300", 30);
        at(1, 12);
        create("D", east, "400", 60);
        at(2, 12);
        deals.put("A", progress.moveToStage(id("A"), version("A"), pipeline.stages().get(1).id(), null));
        change("B", d -> d.withAmount(new BigDecimal("150")));
        change("C", d -> closeOn(d, 45));
        at(3, 12);
        closing.lose(id("B"), version("B"), "price", null);
        deals.put("C", closing.lose(id("C"), version("C"), "price", null));
        at(4, 12);
        closing.win(id("D"), version("D"), new BigDecimal("450"), d0.plusDays(4));
        create("F", east, "600", 35);
        at(5, 12);
        change("A", d -> d.withAmount(new BigDecimal("120")));
        change("F", d -> d.withAmount(new BigDecimal("550")));
        // only a manager reopens
        signIn(company.eastManager().username());
        closing.reopen(id("C"), version("C"));
        signIn(company.eastRep().username());
        at(6, 9);
        create("E", east, "500", 30);
        at(6, 10);
        closing.lose(id("E"), version("E"), "price", null);
        clock.advance(Duration.ofDays(10));
    }

    @Test
    void the_pipeline_as_of_a_day_is_the_deals_open_at_its_end_with_their_amounts_then() {
        signIn(company.eastRep().username());

        PipelineAsOfReport day1 = history.asOf(everything, d0.plusDays(1));
        assertThat(day1.stages()).extracting(PipelineAsOfReport.StageLine::deals).containsExactly(4L, 0L, 0L);
        assertThat(day1.amount()).isEqualByComparingTo("1000");
        // Qualify is 10 %
        assertThat(day1.weighted()).isEqualByComparingTo("100");

        PipelineAsOfReport day2 = history.asOf(everything, d0.plusDays(2));
        assertThat(day2.stages())
                .extracting(PipelineAsOfReport.StageLine::deals, s -> s.amount().stripTrailingZeros().toPlainString())
                .containsExactly(tuple(3L, "850"), tuple(1L, "100"), tuple(0L, "0"));
        assertThat(day2.weighted()).isEqualByComparingTo("135");

        // day 3: B and C lost; day 5: C back, A at 120, F cut; E came and went on day 6
        assertThat(history.asOf(everything, d0.plusDays(3)).amount()).isEqualByComparingTo("500");
        PipelineAsOfReport day6 = history.asOf(everything, d0.plusDays(6));
        assertThat(day6.deals()).isEqualTo(3);
        assertThat(day6.amount()).isEqualByComparingTo("970");
        assertThat(history.asOfDeals(everything, d0.plusDays(6), pipeline.stages().get(0).id(),
                PageRequest.of(0, 10)).items()).extracting(MovedDeal::name, d -> d.amountAfter().stripTrailingZeros().toPlainString())
                .containsExactly(tuple("F", "550"), tuple("C", "300"));
    }

    @Test
    void a_day_ends_at_midnight_in_the_company_time_zone() {
        signIn(company.eastRep().username());
        at(20, 23);
        clock.advance(Duration.ofMinutes(59));
        change("A", d -> d.withAmount(new BigDecimal("130")));
        at(21, 0);
        clock.advance(Duration.ofMinutes(1));
        change("A", d -> d.withAmount(new BigDecimal("140")));

        assertThat(history.asOf(everything, d0.plusDays(20)).amount()).isEqualByComparingTo("980");
        assertThat(history.asOf(everything, d0.plusDays(21)).amount()).isEqualByComparingTo("990");
    }

    @Test
    void every_deal_open_at_either_date_moves_in_exactly_one_way_and_start_plus_bars_is_the_end() {
        signIn(company.eastRep().username());

        PipelineMovement movement = history.movement(everything, d0.plusDays(1), d0.plusDays(6));

        assertThat(movement.start().deals()).isEqualTo(4);
        assertThat(movement.start().amount()).isEqualByComparingTo("1000");
        assertThat(bars(movement.bars())).containsExactlyInAnyOrderEntriesOf(Map.of(
                Movement.CREATED, "1:550", Movement.AMOUNT_UP, "1:20", Movement.WON, "1:-400",
                Movement.LOST, "1:-200"));
        assertThat(movement.end().deals()).isEqualTo(3);
        assertThat(movement.end().amount()).isEqualByComparingTo("970");
        // E was created and lost between the dates
        assertThat(movement.createdAndClosed()).isEqualTo(1);

        StageMovement qualify = movement.stages().get(0);
        assertThat(qualify.start().amount()).isEqualByComparingTo("1000");
        assertThat(bars(qualify.bars())).containsExactlyInAnyOrderEntriesOf(Map.of(
                Movement.STAGE_OUT, "1:-100", Movement.WON, "1:-400", Movement.LOST, "1:-200",
                Movement.CREATED, "1:550"));
        assertThat(qualify.end().amount()).isEqualByComparingTo("850");
        StageMovement propose = movement.stages().get(1);
        assertThat(bars(propose.bars())).containsExactlyEntriesOf(Map.of(Movement.STAGE_IN, "1:120"));
        assertThat(propose.end().amount()).isEqualByComparingTo("120");

        assertThat(history.movedDeals(everything, d0.plusDays(1), d0.plusDays(6), Movement.LOST, null,
                PageRequest.of(0, 10)).items()).extracting(MovedDeal::name, d -> d.amountBefore().stripTrailingZeros().toPlainString())
                .containsExactly(tuple("B", "200"));
        assertThat(history.movedDeals(everything, d0.plusDays(1), d0.plusDays(6), Movement.STAGE_IN,
                pipeline.stages().get(1).id(), PageRequest.of(0, 10)).items()).extracting(MovedDeal::name)
                .containsExactly("A");
    }

    @Test
    void a_close_date_moved_out_of_the_period_pushes_the_deal_out_and_one_moved_in_pulls_it_in() {
        signIn(company.eastRep().username());
        ReportFilter closingSoon = new ReportFilter(d0.plusDays(30), d0.plusDays(40), pipeline.id(), null, null,
                null, null, "CNY");

        // at day 1: A, B, C expected on day 30; D on day 60 is outside
        PipelineMovement movement = history.movement(closingSoon, d0.plusDays(1), d0.plusDays(2));
        assertThat(movement.start().deals()).isEqualTo(3);
        assertThat(bars(movement.bars())).containsExactlyInAnyOrderEntriesOf(Map.of(
                Movement.PUSHED_OUT, "1:-300", Movement.AMOUNT_DOWN, "1:-50"));
        assertThat(movement.end().amount()).isEqualByComparingTo("250");

        signIn(company.eastRep().username());
        change("C", d -> closeOn(d, 33));
        PipelineMovement back = history.movement(closingSoon, d0.plusDays(6), LocalDate.now(clock));
        assertThat(bars(back.bars())).containsEntry(Movement.PULLED_IN, "1:300");
    }

    @Test
    void a_reps_view_holds_only_their_deals_and_their_manager_above_sees_both_teams() {
        signIn(company.eastRep().username());
        assertThat(history.asOf(everything, d0).deals()).isEqualTo(3);
        signIn(company.westRep().username());
        assertThat(history.asOf(everything, d0).amount()).isEqualByComparingTo("700");
        signIn(company.director().username());
        assertThat(history.asOf(everything, d0).amount()).isEqualByComparingTo("1300");
        assertThat(history.asOf(new ReportFilter(null, null, pipeline.id(), company.west().id(), null, null, null, "CNY"), d0).deals()).isEqualTo(1);
    }

    @Test
    void the_deals_a_review_should_look_at_are_flagged_with_what_happened() {
        signIn(company.eastRep().username());

        PipelineHistoryService.FlagReport flags = history.flags(everything, d0.plusDays(1), d0.plusDays(6), 14,
                null, PageRequest.of(0, 10));

        Map<String, FlaggedDeal> byName = flags.deals().items().stream()
                .collect(Collectors.toMap(FlaggedDeal::name, Function.identity()));
        assertThat(byName.get("C").flags()).contains(Flag.CLOSE_PUSHED);
        assertThat(byName.get("C").closePushes()).isEqualTo(1);
        assertThat(byName.get("F").flags()).contains(Flag.AMOUNT_CUT, Flag.LARGE_NEW);
        assertThat(byName.get("A").flags()).doesNotContain(Flag.AMOUNT_CUT, Flag.LARGE_NEW, Flag.STALLED);
        // no follow-up was ever logged with the customer
        assertThat(flags.counts()).containsEntry(Flag.NO_FOLLOW_UP, 3L).containsEntry(Flag.STALLED, 0L);

        // thirty days later nothing has moved: every deal is stalled
        assertThat(history.flags(everything, d0.plusDays(6), d0.plusDays(13), 14, Flag.STALLED,
                PageRequest.of(0, 10)).deals().total()).isZero();
        clock.advance(Duration.ofDays(30));
        assertThat(history.flags(everything, d0.plusDays(6), LocalDate.now(clock), 14, Flag.STALLED,
                PageRequest.of(0, 10)).deals().total()).isEqualTo(3);
    }

    @Test
    void a_deal_moved_to_a_customer_followed_up_lately_no_longer_lacks_a_follow_up() {
        signIn(company.eastRep().username());
        Customer talkedTo = data.customerOf(company.eastRep());
        followUps.log(new FollowUpDraft(FollowUpType.CALL, OffsetDateTime.now(clock), "Agreed the next step",
                talkedTo.id(), null, null));
        LocalDate today = LocalDate.now(clock);
        assertThat(withoutFollowUp(today)).contains("A");

        change("A", d -> new OpportunityDraft(d.name(), talkedTo.id(), null, d.ownerId(), d.pipelineId(),
                d.stageId(), d.amount(), d.currency(), d.expectedCloseDate(), d.leadSource(), d.status(),
                d.lostReason(), d.grade(), d.nextStep(), d.presalesId()));

        assertThat(withoutFollowUp(today)).doesNotContain("A").contains("C", "F");
    }

    private List<String> withoutFollowUp(LocalDate day) {
        return history.flags(everything, day.minusDays(7), day, 14, Flag.NO_FOLLOW_UP, PageRequest.of(0, 10))
                .deals().items().stream().map(FlaggedDeal::name).toList();
    }

    @Test
    void a_day_long_past_reads_the_same_as_when_it_was_recent() {
        signIn(company.eastRep().username());
        PipelineAsOfReport recent = history.asOf(everything, d0.plusDays(5));
        PipelineMovement recentMovement = history.movement(everything, d0.plusDays(1), d0.plusDays(6));

        // read from the index of open states by their end while recent, from the GiST index once long past
        clock.advance(Duration.ofDays(200));

        assertThat(history.asOf(everything, d0.plusDays(5))).usingRecursiveComparison().isEqualTo(recent);
        assertThat(recent.deals()).isEqualTo(3);
        assertThat(history.movement(everything, d0.plusDays(1), d0.plusDays(6))).usingRecursiveComparison()
                .isEqualTo(recentMovement);
    }

    @Test
    void each_change_of_a_figure_is_in_the_deals_history_with_who_and_when() {
        signIn(company.eastRep().username());

        // a scorer may also have recorded its probabilities and grades: the edits are what this test made
        List<DealChange> changes = opportunities.changes(id("A")).stream()
                .filter(c -> c.field() == DealChange.Field.AMOUNT).toList();

        assertThat(changes).extracting(DealChange::field, DealChange::oldValue, DealChange::newValue,
                        DealChange::changedByName)
                .containsExactly(tuple(DealChange.Field.AMOUNT, "100.00", "120.00", company.eastRep().fullName()));
        assertThat(changes.get(0).changedAt().atZoneSameInstant(clock.getZone()).toLocalDate())
                .isEqualTo(d0.plusDays(5));
        assertThat(opportunities.changes(id("C"))).filteredOn(c -> c.field() == DealChange.Field.EXPECTED_CLOSE)
                .extracting(DealChange::field, DealChange::newValue)
                .containsExactly(tuple(DealChange.Field.EXPECTED_CLOSE, d0.plusDays(45).toString()));
    }

    @Test
    void dates_in_the_future_or_in_the_wrong_order_are_refused_by_name() {
        signIn(company.eastRep().username());
        LocalDate today = LocalDate.now(clock);

        assertThatThrownBy(() -> history.asOf(everything, today.plusDays(1)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("date"));
        assertThatThrownBy(() -> history.movement(everything, today, today.minusDays(1)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("from"));
        PipelineAsOfReport before = history.asOf(everything, d0.minusDays(30));
        assertThat(before.deals()).isZero();
        assertThat(before.beforeFirstDeal()).isTrue();
        assertThat(before.firstDealDate()).isEqualTo(d0);
    }

    private static Map<Movement, String> bars(List<Bar> bars) {
        return bars.stream().collect(Collectors.toMap(Bar::movement,
                b -> b.deals() + ":" + b.amount().stripTrailingZeros().toPlainString()));
    }

    private void at(int day, int hour) {
        var when = d0.plusDays(day).atTime(LocalTime.of(hour, 0)).atZone(clock.getZone()).toInstant();
        clock.advance(Duration.between(clock.instant(), when));
    }

    private void create(String name, Customer customer, String amount, int closeDay) {
        deals.put(name, editing.create(new OpportunityDraft(name, customer.id(), null, null, pipeline.id(), null,
                new BigDecimal(amount), "CNY", d0.plusDays(closeDay), null, null, null)));
    }

    private void change(String name, java.util.function.UnaryOperator<OpportunityDraft> change) {
        Opportunity now = opportunities.get(id(name));
        deals.put(name, editing.update(now.id(), now.version(), change.apply(OpportunityDraft.of(now))));
    }

    private OpportunityDraft closeOn(OpportunityDraft d, int day) {
        return new OpportunityDraft(d.name(), d.customerId(), d.contactId(), d.ownerId(), d.pipelineId(), d.stageId(),
                d.amount(), d.currency(), d0.plusDays(day), d.leadSource(), d.status(), d.lostReason(), d.grade(),
                d.nextStep(), d.presalesId());
    }

    private long id(String name) {
        return deals.get(name).id();
    }

    private int version(String name) {
        return opportunities.get(id(name)).version();
    }
}
