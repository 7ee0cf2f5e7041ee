package dev.funnel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnel.pipeline.StageHistoryEntry.Event;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every stage change, close and reopen lands in the stage history together with the change. */
class OpportunityLifecycleTest extends IntegrationTest {

    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    StageProgressService progress;

    Org company;
    Pipeline pipeline;
    Opportunity deal;

    @BeforeEach
    void aNewDeal() {
        company = data.organisation();
        pipeline = data.pipeline();
        deal = data.opportunityOf(company.eastRep(), pipeline);
        signIn(company.eastRep().username());
    }

    private long stage(int index) {
        return pipeline.stages().get(index).id();
    }

    @Test
    void a_new_opportunity_starts_open_in_the_first_stage_with_a_created_entry() {
        assertThat(deal.status()).isEqualTo(OpportunityStatus.OPEN);
        assertThat(deal.stageId()).isEqualTo(stage(0));
        assertThat(deal.amount()).isEqualByComparingTo(new BigDecimal("125000.00"));
        assertThat(opportunities.history(deal.id())).extracting(StageHistoryEntry::event, StageHistoryEntry::toStageId)
                .containsExactly(tuple(Event.CREATED, deal.stageId()));
    }

    @Test
    void moving_forward_and_back_and_winning_is_recorded_in_order() {
        Opportunity moved = progress.moveToStage(deal.id(), deal.version(), stage(2), null);
        moved = progress.moveToStage(moved.id(), moved.version(), stage(1), null);
        Opportunity won = closing.win(moved.id(), moved.version(), new BigDecimal("118000"), LocalDate.now(clock));

        assertThat(won.status()).isEqualTo(OpportunityStatus.WON);
        assertThat(won.actualAmount()).isEqualByComparingTo("118000");
        assertThat(won.closedAt()).isNotNull();
        assertThat(opportunities.history(deal.id()))
                .extracting(StageHistoryEntry::event, StageHistoryEntry::fromStageId, StageHistoryEntry::toStageId)
                .containsExactly(
                        tuple(Event.CREATED, null, stage(0)),
                        tuple(Event.MOVED, stage(0), stage(2)),
                        tuple(Event.MOVED, stage(2), stage(1)),
                        tuple(Event.WON, stage(1), stage(1)));
    }

    @Test
    void winning_needs_the_actual_amount_and_date_and_losing_a_configured_reason() {
        assertThatThrownBy(() -> closing.win(deal.id(), deal.version(), null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactlyInAnyOrder("actualAmount", "actualCloseDate"));
        assertThatThrownBy(() -> closing.lose(deal.id(), deal.version(), "made-up", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey).containsExactly("validation.lost-reason.unknown"));

        Opportunity lost = closing.lose(deal.id(), deal.version(), "price", "比竞品贵 20%");
        assertThat(lost.lostReason()).isEqualTo("price");
        assertThat(lost.lostComment()).isEqualTo("比竞品贵 20%");
    }

    @Test
    void only_a_manager_may_reopen_and_the_reopen_is_recorded() {
        Opportunity lost = closing.lose(deal.id(), deal.version(), "budget", null);

        assertThatThrownBy(() -> closing.reopen(lost.id(), lost.version()))
                .isInstanceOf(InvalidInputException.class);

        Opportunity reopened = as(company.eastManager().username(), () -> closing.reopen(lost.id(), lost.version()));
        assertThat(reopened.status()).isEqualTo(OpportunityStatus.OPEN);
        assertThat(reopened.closedAt()).isNull();
        assertThat(reopened.lostReason()).isNull();
        assertThat(opportunities.history(deal.id())).extracting(StageHistoryEntry::event)
                .containsExactly(Event.CREATED, Event.LOST, Event.REOPENED);
    }

    @Test
    void the_second_of_two_concurrent_moves_is_told_who_changed_it_and_nothing_is_overwritten() {
        progress.moveToStage(deal.id(), deal.version(), stage(1), null);

        assertThatThrownBy(() -> progress.moveToStage(deal.id(), deal.version(), stage(2), null))
                .isInstanceOfSatisfying(StaleVersionException.class, e -> {
                    assertThat(e.changedBy()).isEqualTo(company.eastRep().fullName());
                    assertThat(e.changedAt()).isNotNull();
                });
        assertThat(opportunities.get(deal.id()).stageId()).isEqualTo(stage(1));
        assertThat(opportunities.history(deal.id())).hasSize(2);
    }

    @Test
    void the_stage_and_the_outcome_are_not_edited_through_the_fields() {
        OpportunityDraft sneaky = new OpportunityDraft(deal.name(), deal.customerId(), null, null, null, stage(2),
                deal.amount(), null, null, null, OpportunityStatus.WON, null);

        assertThatThrownBy(() -> editing.update(deal.id(), deal.version(), sneaky))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey)
                        .containsExactlyInAnyOrder("validation.stage.use-move", "validation.status.use-close"));
    }

    @Test
    void a_deal_reassigned_by_the_manager_can_be_worked_on_by_its_new_owner() {
        var colleague = data.user(dev.funnel.identity.Role.SALES_REP, company.east().id());
        Opportunity reassigned = as(company.eastManager().username(), () -> editing.update(deal.id(),
                deal.version(), new OpportunityDraft(deal.name(), deal.customerId(), null, colleague.id(), null, null,
                        deal.amount(), null, null, deal.leadSource(), null, null)));

        Opportunity worked = as(colleague.username(), () -> progress.moveToStage(reassigned.id(),
                reassigned.version(), stage(1), null));

        assertThat(worked.ownerId()).isEqualTo(colleague.id());
        assertThat(worked.stageId()).isEqualTo(stage(1));
        assertThat(worked.currency()).isEqualTo("CNY");
    }

    @Test
    void an_update_that_names_no_currency_keeps_the_one_the_deal_is_in() {
        Opportunity inDollars = editing.update(deal.id(), deal.version(), new OpportunityDraft(deal.name(),
                deal.customerId(), null, null, null, null, new BigDecimal("10000"), "USD", null, null, null, null));
        Opportunity renamed = editing.update(inDollars.id(), inDollars.version(), new OpportunityDraft("renamed",
                deal.customerId(), null, null, null, null, new BigDecimal("10000"), null, null, null, null, null));

        assertThat(renamed.currency()).isEqualTo("USD");
        assertThatThrownBy(() -> editing.update(renamed.id(), renamed.version(), new OpportunityDraft("x",
                deal.customerId(), null, null, null, null, null, "XAU", null, null, null, null)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_stage_of_another_pipeline_a_negative_amount_and_a_bad_grade_are_refused() {
        Pipeline other = data.pipeline();

        assertThatThrownBy(() -> progress.moveToStage(deal.id(), deal.version(), other.stages().get(0).id(), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("stageId"));
        assertThatThrownBy(() -> editing.update(deal.id(), deal.version(), new OpportunityDraft(deal.name(),
                deal.customerId(), null, null, null, null, new BigDecimal("-1"), "CNY", null, null, null, null, "E",
                null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactlyInAnyOrder("amount", "grade"));
    }
}
