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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Admin > Sales process: pipelines from templates, stage edits, reordering and removal, without harming deals. */
class ProcessAdministrationTest extends IntegrationTest {

    @Autowired
    PipelineService pipelines;
    @Autowired
    OpportunityService opportunities;

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
            opportunities.confirmCriterion(deal.id(), pain.id());
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
        assertThat(as(company.eastRep().username(), () -> opportunities.guide(deal.id())).criteria().get(0).met())
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
    void a_stage_added_in_the_middle_pushes_the_later_ones_down() {
        signIn("admin");
        Pipeline pipeline = data.pipeline();

        Pipeline grown = pipelines.addStage(pipeline.id(), 2, new NewStage("Demo", "演示", 30));

        assertThat(grown.stages()).extracting(Stage::nameEn).containsExactly("Qualify", "Demo", "Propose", "Negotiate");
        assertThat(grown.stages()).extracting(Stage::position).containsExactly(1, 2, 3, 4);
    }
}
