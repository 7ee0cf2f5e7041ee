package dev.funnel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnel.pipeline.StageHistoryEntry.Event;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.plugin.api.AssigneeRole;
import dev.funnel.plugin.api.ForecastCategory;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import java.util.ArrayList;
import dev.funnel.analytics.FunnelReport;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ReportService;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Admin > Sales process: pipelines from templates, stage edits, reordering and removal, without harming deals. */
class ProcessAdministrationTest extends IntegrationTest {

    @Autowired
    PipelineService pipelines;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    StageProgressService progress;
    @Autowired
    ReportService reports;

    @Test
    void a_pipeline_from_the_plugins_template_carries_its_criteria_and_activities() {
        signIn("admin");

        Pipeline manufacturing = pipelines.createFromTemplate("manufacturing", TestData.unique("大制造"), false);

        assertThat(manufacturing.templateId()).isEqualTo("manufacturing");
        assertThat(manufacturing.stages()).hasSizeBetween(5, 7);
        assertThat(manufacturing.stages()).allSatisfy(stage -> {
            assertThat(stage.exitCriteria()).isNotEmpty();
            assertThat(stage.keyActivities()).isNotEmpty();
            assertThat(stage.nameZh()).isNotBlank();
        });
        assertThatThrownBy(() -> pipelines.createFromTemplate("no-such-template", TestData.unique("x"), false))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void editing_a_stage_keeps_the_confirmations_of_the_criteria_it_keeps() {
        Org company = data.organisation();
        Pipeline pipeline = data.gatedPipeline();
        Opportunity deal = data.opportunityOf(company.eastRep(), pipeline);
        Stage qualify = pipeline.stages().get(0);
        Criterion pain = qualify.exitCriteria().get(0);
        as(company.eastRep().username(), () -> {
            progress.confirmCriterion(deal.id(), pain.id());
            return null;
        });
        signIn("admin");
        StageDraft draft = StageDraft.of(qualify);
        List<StageDraft.CriterionDraft> criteria = new ArrayList<>(draft.exitCriteria());
        criteria.add(new StageDraft.CriterionDraft(null, "The decision process is known", "决策流程已明确", null));
        List<StageDraft.KeyActivityDraft> activities = List.of(draft.keyActivities().get(0));

        Pipeline edited = pipelines.updateStage(qualify.id(), 0, new StageDraft("Qualification", "线索确认", 15,
                ForecastCategory.PIPELINE, 10, criteria, activities));

        Stage stage = edited.stages().get(0);
        assertThat(stage.nameEn()).isEqualTo("Qualification");
        assertThat(stage.exitCriteria()).extracting(Criterion::textEn).containsExactly(
                "The customer confirmed the pain", "The amount is known", "The decision process is known");
        assertThat(stage.keyActivities()).extracting(KeyActivity::titleEn, KeyActivity::assignee)
                .containsExactly(tuple("Discovery call", AssigneeRole.OWNER));
        assertThat(as(company.eastRep().username(), () -> progress.guide(deal.id())).criteria().get(0).met())
                .isTrue();
        assertThatThrownBy(() -> pipelines.updateStage(qualify.id(), 0, StageDraft.of(qualify)))
                .isInstanceOf(StaleVersionException.class);
    }

    @Test
    void reordering_changes_what_forward_means_and_keeps_every_deal_in_its_stage() {
        signIn("admin");
        Pipeline pipeline = data.pipeline();
        List<Long> reversed = new ArrayList<>(pipeline.stages().stream().map(Stage::id).toList());
        java.util.Collections.reverse(reversed);

        Pipeline reordered = pipelines.reorder(pipeline.id(), reversed);

        assertThat(reordered.stages()).extracting(Stage::id).containsExactlyElementsOf(reversed);
        assertThat(reordered.stages()).extracting(Stage::position).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> pipelines.reorder(pipeline.id(), reversed.subList(0, 2)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void how_far_a_deal_got_follows_its_history_through_moves_back_and_a_reordering_of_the_stages() {
        Org company = data.organisation();
        Pipeline pipeline = data.pipeline();
        Opportunity deal = data.opportunityOf(company.eastRep(), pipeline);
        long first = pipeline.stages().get(0).id();
        long second = pipeline.stages().get(1).id();
        long third = pipeline.stages().get(2).id();
        as(company.eastRep().username(), () -> {
            Opportunity moved = progress.moveToStage(deal.id(), deal.version(), second, null);
            return progress.moveToStage(deal.id(), moved.version(), first, null);
        });
        LocalDate today = LocalDate.now(clock);
        ReportFilter all = new ReportFilter(today, today, pipeline.id(), null, null, null, null, null);

        // moved on to the second stage and back: it still counts as having reached the second
        assertThat(as("admin", () -> reports.funnel(all)).stages()).extracting(FunnelReport.Level::count)
                .containsExactly(1L, 1L, 0L);

        signIn("admin");
        pipelines.reorder(pipeline.id(), List.of(third, second, first));

        // the stage it is in now comes last: it has reached every stage of the funnel
        assertThat(as("admin", () -> reports.funnel(all)).stages()).extracting(FunnelReport.Level::count)
                .containsExactly(1L, 1L, 1L);
    }

    @Test
    void a_stage_with_open_deals_is_removed_only_by_moving_them_and_stays_in_their_history() {
        Org company = data.organisation();
        Pipeline pipeline = data.pipeline();
        Opportunity deal = data.opportunityOf(company.eastRep(), pipeline);
        long first = pipeline.stages().get(0).id();
        long second = pipeline.stages().get(1).id();
        signIn("admin");

        assertThatThrownBy(() -> pipelines.removeStage(first, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("moveOpenDealsTo"));

        Pipeline after = pipelines.removeStage(first, second);

        assertThat(after.stages()).extracting(Stage::id).doesNotContain(first).first().isEqualTo(second);
        assertThat(after.stages()).extracting(Stage::position).containsExactly(1, 2);
        Opportunity moved = opportunities.get(deal.id());
        assertThat(moved.stageId()).isEqualTo(second);
        assertThat(opportunities.history(deal.id()))
                .extracting(StageHistoryEntry::event, StageHistoryEntry::fromStageId, StageHistoryEntry::toStageId)
                .containsExactly(tuple(Event.CREATED, null, first), tuple(Event.MOVED, first, second));
    }

    @Test
    void deals_moved_off_a_removed_stage_get_the_new_stages_tasks_and_closed_ones_stay_readable() {
        Org company = data.organisation();
        Pipeline pipeline = data.gatedPipeline();
        Opportunity open = data.opportunityOf(company.eastRep(), pipeline);
        Opportunity lost = data.opportunityOf(company.eastRep(), pipeline);
        as(company.eastRep().username(), () -> closing.lose(lost.id(), lost.version(), "price", null));
        long qualify = pipeline.stages().get(0).id();
        long propose = pipeline.stages().get(1).id();
        signIn("admin");

        pipelines.removeStage(qualify, propose);

        StageGuide guide = progress.guide(open.id());
        assertThat(guide.tasks()).extracting(Task::titleEn, Task::status).contains(
                tuple("Send the brochure", Task.Status.CANCELLED), tuple("Solution demo", Task.Status.OPEN));
        assertThat(progress.guide(lost.id()).stage().id()).isEqualTo(qualify);
        assertThat(pipelines.stagesEver(pipeline.id()).get(qualify).nameEn()).isEqualTo("Qualify");
        Opportunity closed = opportunities.get(lost.id());
        assertThatThrownBy(() -> as(company.eastManager().username(), () -> closing.reopen(closed.id(),
                closed.version())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey).containsExactly("validation.reopen.removed-stage"));
    }

    @Test
    void a_stage_edit_or_a_new_pipeline_with_bad_activities_is_refused_with_field_errors() {
        signIn("admin");
        Pipeline pipeline = data.pipeline();
        StageDraft bad = new StageDraft("X", "X", 10, null, 30, List.of(),
                List.of(new StageDraft.KeyActivityDraft(null, "Call", "", null, null, -1, null, false)));

        assertThatThrownBy(() -> pipelines.updateStage(pipeline.stages().get(0).id(), 0, bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactlyInAnyOrder("keyActivities[0].titleZh",
                                "keyActivities[0].assignee", "keyActivities[0].dueDays"));
        assertThatThrownBy(() -> pipelines.create(new NewPipeline(TestData.unique("bad"), null, false, List.of(
                new NewStage("A", "甲", 10, null, 30, List.of(new NewStage.NewCriterion(null, "标准", null)), List.of())))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("stages[0].exitCriteria[0].textEn"));
    }

    @Test
    void a_stage_added_in_the_middle_pushes_the_later_ones_down() {
        signIn("admin");
        Pipeline pipeline = data.pipeline();

        Pipeline grown = pipelines.addStage(pipeline.id(), 2, new NewStage("Demo", "演示", 30));

        assertThat(grown.stages()).extracting(Stage::nameEn).containsExactly("Qualify", "Demo", "Propose", "Negotiate");
        assertThat(grown.stages()).extracting(Stage::position).containsExactly(1, 2, 3, 4);
    }
}
