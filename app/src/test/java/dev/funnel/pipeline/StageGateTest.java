package dev.funnel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnel.pipeline.MissingItem.Kind;
import dev.funnel.pipeline.StageHistoryEntry.Event;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.plugin.api.OpportunityField;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The stage gate on a pipeline with a real process (see TestData.gatedPipeline): Qualify needs the pain
 * confirmed, an amount and the discovery call; Propose needs the budget confirmed and the demo; Negotiate needs
 * an expected close date.
 */
class StageGateTest extends IntegrationTest {

    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    StageProgressService progress;
    @Autowired
    TaskService tasks;

    Org company;
    Pipeline pipeline;
    Stage qualify;
    Stage propose;
    Stage negotiate;
    Opportunity deal;

    @BeforeEach
    void aDealInQualify() {
        company = data.organisation();
        pipeline = data.gatedPipeline();
        qualify = pipeline.stages().get(0);
        propose = pipeline.stages().get(1);
        negotiate = pipeline.stages().get(2);
        Opportunity created = data.opportunityOf(company.eastRep(), pipeline);
        signIn(company.eastRep().username());
        // no amount yet: the Qualify gate's required field is then missing
        deal = editing.update(created.id(), created.version(), OpportunityDraft.of(created).withAmount(null));
    }

    private Task task(String titleEn) {
        return progress.guide(deal.id()).tasks().stream().filter(t -> t.titleEn().equals(titleEn)).findFirst()
                .orElseThrow();
    }

    private Criterion checklist(Stage stage) {
        return stage.exitCriteria().stream().filter(Criterion::isChecklistItem).findFirst().orElseThrow();
    }

    @Test
    void entering_a_stage_turns_its_key_activities_into_dated_tasks_for_the_right_people() {
        assertThat(progress.guide(deal.id()).tasks())
                .extracting(Task::titleEn, Task::assigneeId, Task::required, Task::dueDate, Task::status)
                .containsExactlyInAnyOrder(
                        tuple("Discovery call", company.eastRep().id(), true, LocalDate.now(clock).plusDays(2), Task.Status.OPEN),
                        tuple("Send the brochure", company.eastRep().id(), false, LocalDate.now(clock).plusDays(5),
                                Task.Status.OPEN));
        assertThat(as(company.eastRep().username(), () -> tasks.mine(Task.Status.OPEN)))
                .extracting(Task::titleEn).contains("Discovery call");
    }

    @Test
    void a_blocked_move_lists_every_missing_item_and_changes_nothing() {
        assertThatThrownBy(() -> progress.moveToStage(deal.id(), deal.version(), propose.id(), null))
                .isInstanceOfSatisfying(StageGateException.class, e -> {
                    assertThat(e.missing()).extracting(MissingItem::kind, MissingItem::textEn).containsExactlyInAnyOrder(
                            tuple(Kind.CHECKLIST, "The customer confirmed the pain"),
                            tuple(Kind.FIELD, "The amount is known"),
                            tuple(Kind.TASK, "Discovery call"));
                    assertThat(e.missing()).extracting(m -> m.text(Locale.SIMPLIFIED_CHINESE))
                            .contains("客户已确认痛点", "需求调研电话");
                });
        assertThat(opportunities.get(deal.id()).stageId()).isEqualTo(qualify.id());
        assertThat(opportunities.history(deal.id())).hasSize(1);
    }

    @Test
    void once_everything_is_met_the_move_goes_through_and_the_tasks_follow_the_stage() {
        progress.confirmCriterion(deal.id(), checklist(qualify).id());
        Task call = task("Discovery call");
        tasks.complete(call.id(), call.version(), "痛点：销售数据分散");
        Opportunity priced = editing.update(deal.id(), deal.version(),
                OpportunityDraft.of(deal).withAmount(new BigDecimal("300000")));

        Opportunity moved = progress.moveToStage(priced.id(), priced.version(), propose.id(), null);

        assertThat(moved.stageId()).isEqualTo(propose.id());
        List<Task> all = progress.guide(deal.id()).tasks();
        assertThat(all).extracting(Task::titleEn, Task::status, Task::assigneeId).containsExactlyInAnyOrder(
                tuple("Discovery call", Task.Status.DONE, company.eastRep().id()),
                tuple("Send the brochure", Task.Status.CANCELLED, company.eastRep().id()),
                tuple("Solution demo", Task.Status.OPEN, company.eastRep().id()),
                tuple("Manager review", Task.Status.OPEN, company.eastManager().id()));
        CriterionStatus pain = as(company.eastRep().username(), () -> progress.guide(deal.id()))
                .criteria().stream().findFirst().orElseThrow();
        assertThat(pain.criterion().textEn()).isEqualTo("The budget range is confirmed");
    }

    @Test
    void skipping_a_stage_needs_its_criteria_and_its_required_activities_too() {
        progress.confirmCriterion(deal.id(), checklist(qualify).id());
        Task call = task("Discovery call");
        tasks.complete(call.id(), call.version(), null);
        Opportunity priced = editing.update(deal.id(), deal.version(),
                OpportunityDraft.of(deal).withAmount(new BigDecimal("300000")));

        assertThatThrownBy(() -> progress.moveToStage(priced.id(), priced.version(), negotiate.id(), null))
                .isInstanceOfSatisfying(StageGateException.class, e -> assertThat(e.missing())
                        .extracting(MissingItem::stageId, MissingItem::kind, MissingItem::textEn)
                        .containsExactly(tuple(propose.id(), Kind.CHECKLIST, "The budget range is confirmed"),
                                tuple(propose.id(), Kind.TASK, "Solution demo")));

        // skipping must not be easier than stepping through: the demo is required whichever way
        progress.confirmCriterion(deal.id(), checklist(propose).id());
        assertThat(progress.missingFor(deal.id(), negotiate.id())).extracting(MissingItem::textEn)
                .containsExactly("Solution demo");
        Opportunity forced = as(company.eastManager().username(), () ->
                progress.moveToStage(priced.id(), priced.version(), negotiate.id(), "演示已在展会现场完成"));
        assertThat(forced.stageId()).isEqualTo(negotiate.id());
    }

    @Test
    void moving_back_needs_nothing_and_keeps_the_confirmations() {
        Opportunity forced = as(company.eastManager().username(), () ->
                progress.moveToStage(deal.id(), deal.version(), propose.id(), "客户高层已口头确认，材料补充中"));
        progress.confirmCriterion(deal.id(), checklist(propose).id());

        Opportunity back = progress.moveToStage(forced.id(), forced.version(), qualify.id(), null);

        assertThat(back.stageId()).isEqualTo(qualify.id());
        assertThat(opportunities.history(deal.id()))
                .extracting(StageHistoryEntry::event, StageHistoryEntry::toStageId, StageHistoryEntry::overrideReason)
                .containsExactly(tuple(Event.CREATED, qualify.id(), null),
                        tuple(Event.MOVED, propose.id(), "客户高层已口头确认，材料补充中"),
                        tuple(Event.MOVED, qualify.id(), null));
        // the budget confirmed while in Propose still counts; what Qualify lacked is still lacking
        assertThat(progress.missingFor(deal.id(), negotiate.id())).extracting(MissingItem::textEn)
                .contains("The customer confirmed the pain", "Discovery call")
                .doesNotContain("The budget range is confirmed");
    }

    @Test
    void a_rep_cannot_override_the_gate_but_a_manager_can_with_a_reason() {
        assertThatThrownBy(() -> progress.moveToStage(deal.id(), deal.version(), propose.id(), "trust me"))
                .isInstanceOf(InvalidInputException.class);

        Opportunity forced = as(company.eastManager().username(), () ->
                progress.moveToStage(deal.id(), deal.version(), propose.id(), "总经理特批"));
        assertThat(forced.stageId()).isEqualTo(propose.id());
        assertThat(opportunities.history(deal.id()).get(1).overrideReason()).isEqualTo("总经理特批");
    }

    @Test
    void a_deal_is_won_only_through_the_gates_of_its_stage_and_every_later_one() {
        assertThatThrownBy(() -> closing.win(deal.id(), deal.version(), new BigDecimal("90000"),
                LocalDate.now(clock)))
                .isInstanceOfSatisfying(StageGateException.class, e -> assertThat(e.missing())
                        .extracting(MissingItem::stageId, MissingItem::textEn)
                        .contains(tuple(qualify.id(), "The customer confirmed the pain"),
                                tuple(qualify.id(), "The amount is known"),
                                tuple(propose.id(), "The budget range is confirmed"),
                                tuple(negotiate.id(), "The close date is set")));
        assertThat(opportunities.get(deal.id()).status()).isEqualTo(OpportunityStatus.OPEN);
        assertThat(opportunities.history(deal.id())).extracting(StageHistoryEntry::event).containsExactly(Event.CREATED);

        // through every gate, the last stage's included, the deal may be won
        Opportunity ready = as(company.eastManager().username(), () -> progress.moveToStage(deal.id(),
                deal.version(), negotiate.id(), "走完前两个阶段的线下流程"));
        assertThat(closing.missingToWin(deal.id())).extracting(MissingItem::textEn)
                .containsExactly("The close date is set");
        OpportunityDraft dated = OpportunityDraft.of(ready);
        ready = editing.update(ready.id(), ready.version(), new OpportunityDraft(dated.name(),
                dated.customerId(), dated.contactId(), dated.ownerId(), dated.pipelineId(), dated.stageId(),
                new BigDecimal("90000"), dated.currency(), LocalDate.now(clock).plusDays(3), dated.leadSource(),
                dated.status(), dated.lostReason()));
        assertThat(closing.missingToWin(deal.id())).isEmpty();
        Opportunity won = closing.win(ready.id(), ready.version(), new BigDecimal("90000"),
                LocalDate.now(clock));
        assertThat(won.status()).isEqualTo(OpportunityStatus.WON);
    }

    @Test
    void only_a_manager_wins_past_an_unmet_gate_and_the_reason_is_kept() {
        assertThatThrownBy(() -> closing.win(deal.id(), deal.version(), new BigDecimal("90000"),
                LocalDate.now(clock), "客户已付款"))
                .isInstanceOf(InvalidInputException.class);

        Opportunity won = as(company.eastManager().username(), () -> closing.win(deal.id(), deal.version(),
                new BigDecimal("90000"), LocalDate.now(clock), "客户已付款，合同补签中"));
        assertThat(won.status()).isEqualTo(OpportunityStatus.WON);
        assertThat(opportunities.history(deal.id())).last()
                .extracting(StageHistoryEntry::event, StageHistoryEntry::overrideReason)
                .containsExactly(Event.WON, "客户已付款，合同补签中");
    }

    @Test
    void required_fields_are_judged_on_the_saved_deal() {
        assertThat(StageGate.filled(deal, OpportunityField.AMOUNT, 0)).isFalse();
        assertThat(StageGate.filled(deal, OpportunityField.PRODUCTS, 1)).isTrue();
        assertThat(StageGate.filled(deal, OpportunityField.DECISION_MAKER, 0)).isFalse();
    }
}
