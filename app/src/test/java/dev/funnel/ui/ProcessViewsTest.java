package dev.funnel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.RouteParameters;
import dev.funnel.followup.FollowUp;
import dev.funnel.followup.FollowUpService;
import dev.funnel.pipeline.BoardCard;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.StageProgressService;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.ui.BoardView;
import dev.funnel.pipeline.ui.BoardViewAccess;
import dev.funnel.pipeline.ui.OpportunityView;
import dev.funnel.pipeline.ui.TasksView;
import dev.funnel.testsupport.KaribuTest;
import dev.funnel.testsupport.TestData.Org;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The board, the opportunity page and the tasks page on a pipeline with a real process. */
class ProcessViewsTest extends KaribuTest {

    @Autowired
    OpportunityService opportunities;
    @Autowired
    StageProgressService progress;
    @Autowired
    FollowUpService activities;

    Org company;
    Pipeline pipeline;
    Opportunity deal;

    @BeforeEach
    void aDealOnAGatedPipeline() {
        company = data.organisation();
        pipeline = data.gatedPipeline();
        deal = data.opportunityOf(company.eastRep(), pipeline);
        login(company.eastRep().username());
    }

    @SuppressWarnings("unchecked")
    private BoardView openBoard() {
        UI.getCurrent().navigate(BoardView.class);
        Select<Pipeline> picker = _get(Select.class, spec -> spec.withId("board-pipeline"));
        picker.setValue(picker.getListDataView().getItems().filter(p -> p.id() == pipeline.id()).findFirst().orElseThrow());
        return _get(BoardView.class);
    }

    @Test
    void the_board_shows_a_column_per_stage_with_its_figures_and_the_deal_in_the_first() {
        BoardView board = openBoard();

        assertThat(BoardViewAccess.columns(board)).hasSize(3);
        assertThat(BoardViewAccess.cards(board, 0)).extracting(BoardCard::id).containsExactly(deal.id());
        assertThat(BoardViewAccess.heads(board, 0)).isEqualTo(1);
    }

    @Test
    void a_blocked_drop_leaves_the_card_and_lets_the_rep_settle_the_gate_there_and_then() {
        BoardView board = openBoard();
        BoardCard card = BoardViewAccess.cards(board, 0).get(0);

        BoardViewAccess.drop(board, card, pipeline.stages().get(1).id());

        assertThat(BoardViewAccess.cards(board, 0)).extracting(BoardCard::id).containsExactly(deal.id());
        Button confirm = _get(Button.class, spec -> spec.withText("Confirm and move"));
        _setValue(_get(Checkbox.class, spec -> spec.withLabel("Confirm: The customer confirmed the pain")), true);
        // the discovery call is still open: the move cannot succeed yet, so it cannot be asked for
        assertThat(confirm.isEnabled()).isFalse();
        _setValue(_get(Checkbox.class, spec -> spec.withLabel("Finish the task: Discovery call")), true);
        _click(confirm);

        // the pain confirmed and the call done right in the dialog: the card moved on
        assertThat(BoardViewAccess.cards(board, 0)).isEmpty();
        assertThat(BoardViewAccess.cards(board, 1)).extracting(BoardCard::id).containsExactly(deal.id());
        assertThat(opportunities.get(deal.id()).stageId()).isEqualTo(pipeline.stages().get(1).id());
    }

    @Test
    void a_drop_that_meets_the_gate_moves_the_card() {
        Opportunity open = as(company.eastManager().username(), () -> progress.moveToStage(deal.id(),
                deal.version(), pipeline.stages().get(1).id(), "客户已签意向书"));
        BoardView board = openBoard();
        BoardCard card = BoardViewAccess.cards(board, 1).get(0);

        BoardViewAccess.drop(board, card, pipeline.stages().get(0).id());

        assertThat(BoardViewAccess.cards(board, 0)).extracting(BoardCard::id).containsExactly(open.id());
        assertThat(opportunities.get(deal.id()).stageId()).isEqualTo(pipeline.stages().get(0).id());
    }

    @Test
    void the_opportunity_page_shows_the_guide_and_advances_once_the_gate_is_met() {
        UI.getCurrent().navigate(OpportunityView.class, new RouteParameters("id", String.valueOf(deal.id())));

        Button advance = _get(Button.class, spec -> spec.withText("Advance to Propose"));
        assertThat(advance.isEnabled()).isFalse();
        _setValue(_get(Checkbox.class, spec -> spec.withLabel("The customer confirmed the pain")), true);
        Task call = progress.guide(deal.id()).tasks().stream()
                .filter(t -> t.titleEn().equals("Discovery call")).findFirst().orElseThrow();
        _setValue(_find(Checkbox.class).stream().filter(c -> c.getLabel().startsWith("Discovery call")).findFirst()
                .orElseThrow(), true);

        assertThat(progress.guide(deal.id()).tasks()).filteredOn(t -> t.id() == call.id())
                .extracting(Task::status).containsExactly(Task.Status.DONE);
        // the amount is filled (125,000) so the gate is met now
        _click(_get(Button.class, spec -> spec.withText("Advance to Propose")));
        assertThat(opportunities.get(deal.id()).stageId()).isEqualTo(pipeline.stages().get(1).id());
    }

    @Test
    void a_rep_logs_a_follow_up_from_the_opportunity_page() {
        UI.getCurrent().navigate(OpportunityView.class, new RouteParameters("id", String.valueOf(deal.id())));

        _setValue(_get(TextArea.class, spec -> spec.withPlaceholder("What happened, what was agreed")), "拜访IT负责人，确认预算范围");
        _click(_get(Button.class, spec -> spec.withText("Log follow-up")));

        assertThat(activities.forOpportunity(deal.id())).extracting(FollowUp::content)
                .containsExactly("拜访IT负责人，确认预算范围");
        assertThat(NotificationsKt.getNotifications()).isEmpty();
    }

    @Test
    void the_won_action_shows_what_the_gate_needs_and_cannot_be_confirmed_before() {
        UI.getCurrent().navigate(OpportunityView.class, new RouteParameters("id", String.valueOf(deal.id())));

        _click(_get(Button.class, spec -> spec.withText("Won")));

        Button confirm = _get(Button.class, spec -> spec.withText("Close as won"));
        assertThat(confirm.isEnabled()).isFalse();
        _setValue(_get(Checkbox.class, spec -> spec.withLabel("Confirm: The customer confirmed the pain")), true);
        // Propose's budget and demo and Negotiate's close date cannot be settled by a tick
        assertThat(confirm.isEnabled()).isFalse();
        assertThat(_find(Button.class, spec -> spec.withText("Fill in on the form"))).isNotEmpty();
        assertThat(opportunities.get(deal.id()).status()).isEqualTo(OpportunityStatus.OPEN);
    }

    @Test
    void the_lost_action_asks_for_a_configured_reason_before_closing() {
        UI.getCurrent().navigate(OpportunityView.class, new RouteParameters("id", String.valueOf(deal.id())));

        _click(_get(Button.class, spec -> spec.withText("Lost")));
        Button confirm = _get(Button.class, spec -> spec.withText("Close as lost"));
        assertThat(confirm.isEnabled()).isFalse();
        @SuppressWarnings("unchecked")
        Select<String> reason = _get(Select.class, spec -> spec.withLabel("Lost reason"));
        reason.setValue("price");
        _click(confirm);

        Opportunity lost = opportunities.get(deal.id());
        assertThat(lost.status()).isEqualTo(OpportunityStatus.LOST);
        assertThat(lost.lostReason()).isEqualTo("price");
    }

    @Test
    void my_tasks_lists_the_reps_open_tasks_by_when_they_are_due() {
        UI.getCurrent().navigate(TasksView.class);

        Tab upcoming = _find(Tab.class).stream().filter(t -> "Upcoming (2)".equals(t.getLabel())).findFirst()
                .orElseThrow();
        _get(Tabs.class).setSelectedTab(upcoming);
        @SuppressWarnings("unchecked")
        Grid<Task> grid = _get(Grid.class);
        assertThat(GridKt._findAll(grid)).extracting(Task::titleEn)
                .containsExactlyInAnyOrder("Discovery call", "Send the brochure");
    }
}
