package dev.funnel.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.StageProgressService;
import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.scoring.internal.DealHistory;
import dev.funnel.testsupport.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A deal as it stood at a past moment is rebuilt from its ledgers, never from its final state: what scorers
 * learn from cannot carry the outcome (docs/scoring.md, "Point in time").
 */
class DealHistoryTest extends IntegrationTest {

    @Autowired
    DealHistory history;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    StageProgressService progress;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    FollowUpService followUps;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void the_deal_at_a_past_moment_is_what_a_reader_saw_then_whatever_happened_after() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        UserSummary other = data.user(Role.SALES_REP, null);
        Pipeline pipeline = data.pipeline();
        Opportunity created = data.opportunityOf(rep, pipeline);

        clock.advance(Duration.ofDays(3));
        Opportunity revised = as(rep.username(), () -> editing.update(created.id(), created.version(),
                draft(created, new BigDecimal("150000.00"), LocalDate.of(2031, 3, 31), null)));
        log(rep, created, FollowUpType.VISIT);
        clock.advance(Duration.ofHours(1));

        // what the rep's screen and a scorer saw at this moment
        Instant then = clock.instant();
        Opportunity seen = as(rep.username(), () -> opportunities.get(created.id()));
        DealSnapshot live = history.asOf(List.of(new DealHistory.Moment(created.id(), then))).get(0);

        clock.advance(Duration.ofDays(2));
        Opportunity moved = as(rep.username(), () -> progress.moveToStage(created.id(), revised.version(),
                pipeline.stages().get(1).id(), null));
        Opportunity rescheduled = as(rep.username(), () -> editing.update(created.id(), moved.version(),
                draft(moved, new BigDecimal("480000.00"), LocalDate.of(2031, 6, 30), "Send the contract")));
        log(rep, created, FollowUpType.CALL);
        Opportunity handedOver = as("admin", () -> editing.update(created.id(), rescheduled.version(),
                new OpportunityDraft(rescheduled.name(), rescheduled.customerId(), null, other.id(), null, null,
                        rescheduled.amount(), rescheduled.currency(), rescheduled.expectedCloseDate(),
                        rescheduled.leadSource(), null, null, null, rescheduled.nextStep(), null)));
        clock.advance(Duration.ofDays(5));
        as("admin", () -> closing.win(created.id(), handedOver.version(), new BigDecimal("999000.00"),
                LocalDate.now(clock)));

        DealSnapshot rebuilt = history.asOf(List.of(new DealHistory.Moment(created.id(), then))).get(0);

        assertThat(rebuilt).isEqualTo(live);
        assertThat(rebuilt.amount()).isEqualByComparingTo(seen.amount()).isEqualByComparingTo("150000");
        assertThat(rebuilt.daysToExpectedClose()).isEqualTo((int) (seen.expectedCloseDate().toEpochDay()
                - LocalDate.ofInstant(then, clock.getZone()).toEpochDay()));
        assertThat(rebuilt.stageKey()).isEqualTo(seen.stageNameEn()).isEqualTo("Qualify");
        assertThat(rebuilt.stagePosition()).isEqualTo(1);
        assertThat(rebuilt.stageCount()).isEqualTo(3);
        assertThat(rebuilt.daysInStage()).isEqualTo(3);
        assertThat(rebuilt.ageDays()).isEqualTo(3);
        assertThat(rebuilt.ownerId()).isEqualTo(Long.toString(rep.id()));
        assertThat(rebuilt.nextStepSet()).isFalse();
        assertThat(rebuilt.closeDateMoves()).isZero();
        assertThat(rebuilt.activities()).containsExactly(new DealSnapshot.ActivityCount("VISIT", 1, 1, 1));
    }

    @Test
    void later_moments_see_the_later_revisions_and_a_closed_deal_has_no_open_moment_after_its_close() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        Opportunity created = data.opportunityOf(rep, data.pipeline());
        clock.advance(Duration.ofDays(1));
        Opportunity dated = as(rep.username(), () -> editing.update(created.id(), created.version(),
                draft(created, created.amount(), LocalDate.of(2031, 1, 31), null)));
        clock.advance(Duration.ofDays(1));
        Opportunity moved = as(rep.username(), () -> editing.update(created.id(), dated.version(),
                draft(dated, dated.amount(), LocalDate.of(2031, 2, 28), "Call the CFO")));
        clock.advance(Duration.ofDays(1));
        Instant beforeClose = clock.instant();
        as(rep.username(), () -> closing.lose(created.id(), moved.version(), "price", null));
        clock.advance(Duration.ofHours(1));

        List<DealSnapshot> seen = history.asOf(List.of(new DealHistory.Moment(created.id(), beforeClose),
                new DealHistory.Moment(created.id(), clock.instant()),
                new DealHistory.Moment(created.id(), created.createdAt().toInstant().minusSeconds(60))));

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).closeDateMoves()).as("setting the date is not moving it").isEqualTo(1);
        assertThat(seen.get(0).nextStepSet()).isTrue();
    }

    @Test
    void an_amount_first_given_later_or_a_new_lead_source_is_not_seen_before_it_was_given() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        dev.funnel.customer.Customer customer = data.customerOf(rep);
        Opportunity created = as(rep.username(), () -> editing.create(new OpportunityDraft(
                dev.funnel.testsupport.TestData.unique("deal"), customer.id(), null, null, data.pipeline().id(), null,
                null, "CNY", null, "website", null, null)));
        clock.advance(Duration.ofDays(2));
        Instant unpriced = clock.instant();
        clock.advance(Duration.ofDays(1));
        as(rep.username(), () -> editing.update(created.id(), created.version(), new OpportunityDraft(created.name(),
                customer.id(), null, null, null, null, new BigDecimal("64000.00"), "CNY", null, "exhibition", null,
                null)));

        List<DealSnapshot> seen = history.asOf(List.of(new DealHistory.Moment(created.id(), unpriced),
                new DealHistory.Moment(created.id(), clock.instant())));

        assertThat(seen.get(0).amount()).as("no amount yet").isNull();
        assertThat(seen.get(0).leadSource()).isEqualTo("website");
        assertThat(seen.get(1).amount()).isEqualByComparingTo("64000");
        assertThat(seen.get(1).leadSource()).isEqualTo("exhibition");
    }

    @Test
    void a_moment_before_the_deal_s_changes_were_recorded_cannot_be_rebuilt_and_gives_no_snapshot() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        Opportunity deal = data.opportunityOf(rep, data.pipeline());
        clock.advance(Duration.ofDays(1));
        // as for an imported deal: its past is known from the stage ledger only
        jdbc.update("update opportunity set created_at = created_at - interval '30 days' where id = ?", deal.id());
        jdbc.update("update stage_history set changed_at = changed_at - interval '30 days' where opportunity_id = ?",
                deal.id());

        assertThat(history.asOf(List.of(new DealHistory.Moment(deal.id(), clock.instant().minus(Duration.ofDays(10))))))
                .isEmpty();
        assertThat(history.asOf(List.of(new DealHistory.Moment(deal.id(), clock.instant())))).hasSize(1);
    }

    private void log(UserSummary rep, Opportunity deal, FollowUpType type) {
        as(rep.username(), () -> followUps.log(new FollowUpDraft(type, OffsetDateTime.now(clock), "met them",
                deal.customerId(), null, deal.id())));
    }

    private static OpportunityDraft draft(Opportunity deal, BigDecimal amount, LocalDate close, String nextStep) {
        return new OpportunityDraft(deal.name(), deal.customerId(), null, null, null, null, amount, deal.currency(),
                close, deal.leadSource(), null, null, null, nextStep, null);
    }
}
