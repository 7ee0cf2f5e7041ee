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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every stage change, close and reopen lands in the stage history together with the change. */
class OpportunityLifecycleTest extends IntegrationTest {

    @Autowired
    OpportunityService opportunities;

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

    @Test
    void a_new_opportunity_starts_open_in_the_first_stage_with_a_created_entry() {
        assertThat(deal.status()).isEqualTo(OpportunityStatus.OPEN);
        assertThat(deal.stageId()).isEqualTo(pipeline.stages().get(0).id());
        assertThat(deal.amount()).isEqualByComparingTo(new BigDecimal("125000.00"));
        assertThat(opportunities.history(deal.id())).extracting(StageHistoryEntry::event, StageHistoryEntry::toStageId)
                .containsExactly(tuple(Event.CREATED, deal.stageId()));
    }

    @Test
    void moving_forward_and_back_and_winning_is_recorded_in_order() {
        long first = pipeline.stages().get(0).id();
        long second = pipeline.stages().get(1).id();
        long third = pipeline.stages().get(2).id();
        Opportunity moved = opportunities.update(deal.id(), deal.version(), OpportunityDraft.of(deal).withStage(third));
        moved = opportunities.update(moved.id(), moved.version(), OpportunityDraft.of(moved).withStage(second));
        Opportunity won = opportunities.update(moved.id(), moved.version(),
                OpportunityDraft.of(moved).withStatus(OpportunityStatus.WON, null));

        assertThat(won.status()).isEqualTo(OpportunityStatus.WON);
        assertThat(won.closedAt()).isNotNull();
        assertThat(opportunities.history(deal.id()))
                .extracting(StageHistoryEntry::event, StageHistoryEntry::fromStageId, StageHistoryEntry::toStageId)
                .containsExactly(
                        tuple(Event.CREATED, null, first),
                        tuple(Event.MOVED, first, third),
                        tuple(Event.MOVED, third, second),
                        tuple(Event.WON, second, second));
    }

    @Test
    void losing_needs_a_reason() {
        assertThatThrownBy(() -> opportunities.update(deal.id(), deal.version(),
                OpportunityDraft.of(deal).withStatus(OpportunityStatus.LOST, " ")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("lostReason"));

        Opportunity lost = opportunities.update(deal.id(), deal.version(),
                OpportunityDraft.of(deal).withStatus(OpportunityStatus.LOST, "价格过高"));
        assertThat(lost.lostReason()).isEqualTo("价格过高");
    }

    @Test
    void only_a_manager_may_reopen_and_the_reopen_is_recorded() {
        Opportunity lost = opportunities.update(deal.id(), deal.version(),
                OpportunityDraft.of(deal).withStatus(OpportunityStatus.LOST, "预算取消"));

        assertThatThrownBy(() -> opportunities.update(lost.id(), lost.version(),
                OpportunityDraft.of(lost).withStatus(OpportunityStatus.OPEN, null)))
                .isInstanceOf(InvalidInputException.class);

        Opportunity reopened = as(company.eastManager().username(), () -> opportunities.update(lost.id(), lost.version(),
                OpportunityDraft.of(lost).withStatus(OpportunityStatus.OPEN, null)));
        assertThat(reopened.status()).isEqualTo(OpportunityStatus.OPEN);
        assertThat(reopened.closedAt()).isNull();
        assertThat(opportunities.history(deal.id())).extracting(StageHistoryEntry::event)
                .containsExactly(Event.CREATED, Event.LOST, Event.REOPENED);
    }

    @Test
    void concurrent_edits_never_silently_overwrite() {
        opportunities.update(deal.id(), deal.version(), OpportunityDraft.of(deal).withStage(pipeline.stages().get(1).id()));

        assertThatThrownBy(() -> opportunities.update(deal.id(), deal.version(),
                OpportunityDraft.of(deal).withStage(pipeline.stages().get(2).id())))
                .isInstanceOf(StaleVersionException.class);
        assertThat(opportunities.get(deal.id()).stageId()).isEqualTo(pipeline.stages().get(1).id());
        assertThat(opportunities.history(deal.id())).hasSize(2);
    }

    @Test
    void a_deal_reassigned_by_the_manager_can_be_worked_on_by_its_new_owner() {
        var colleague = data.user(dev.funnel.identity.Role.SALES_REP, company.east().id());
        Opportunity reassigned = as(company.eastManager().username(), () -> opportunities.update(deal.id(), deal.version(),
                new OpportunityDraft(deal.name(), deal.customerId(), null, colleague.id(), null, null, deal.amount(),
                        null, null, deal.leadSource(), null, null)));

        Opportunity worked = as(colleague.username(), () -> opportunities.update(reassigned.id(),
                reassigned.version(), OpportunityDraft.of(reassigned).withStage(pipeline.stages().get(1).id())));

        assertThat(worked.ownerId()).isEqualTo(colleague.id());
        assertThat(worked.stageId()).isEqualTo(pipeline.stages().get(1).id());
        assertThat(worked.currency()).isEqualTo("CNY");
    }

    @Test
    void an_update_that_names_no_currency_keeps_the_one_the_deal_is_in() {
        Opportunity inDollars = opportunities.update(deal.id(), deal.version(), new OpportunityDraft(deal.name(),
                deal.customerId(), null, null, null, null, new BigDecimal("10000"), "USD", null, null, null, null));
        Opportunity renamed = opportunities.update(inDollars.id(), inDollars.version(), new OpportunityDraft("renamed",
                deal.customerId(), null, null, null, null, new BigDecimal("10000"), null, null, null, null, null));

        assertThat(renamed.currency()).isEqualTo("USD");
        assertThatThrownBy(() -> opportunities.update(renamed.id(), renamed.version(), new OpportunityDraft("x",
                deal.customerId(), null, null, null, null, null, "XAU", null, null, null, null)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_stage_of_another_pipeline_and_a_negative_amount_are_refused() {
        Pipeline other = data.pipeline();
        OpportunityDraft bad = new OpportunityDraft(deal.name(), deal.customerId(), null, null, null,
                other.stages().get(0).id(), new BigDecimal("-1"), "CNY", null, null, null, null);

        assertThatThrownBy(() -> opportunities.update(deal.id(), deal.version(), bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactlyInAnyOrder("stageId", "amount"));
    }
}
