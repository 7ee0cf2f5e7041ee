package dev.funnel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.RouteParameters;
import dev.funnel.pipeline.BoardCard;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityService;
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
    void a_blocked_drop_leaves_the_card_and_offers_to_confirm_the_checklist_there_and_then() {
        BoardView board = openBoard();
        BoardCard card = BoardViewAccess.cards(board, 0).get(0);

        BoardViewAccess.drop(board, card, pipeline.stages().get(1).id());

        assertThat(BoardViewAccess.cards(board, 0)).extracting(BoardCard::id).containsExactly(deal.id());
        _setValue(_get(Checkbox.class, spec -> spec.withLabel("The customer confirmed the pain")), true);
        _click(_get(Button.class, spec -> spec.withText("Confirm and move")));

        // the amount and the discovery call are still missing: the card stays, the confirmation is kept
        assertThat(BoardViewAccess.cards(board, 0)).extracting(BoardCard::id).containsExactly(deal.id());
        assertThat(opportunities.guide(deal.id()).criteria().get(0).met()).isTrue();
    }

    @Test
    void a_drop_that_meets_the_gate_moves_the_card() {
        Opportunity open = as(company.eastManager().username(), () -> opportunities.moveToStage(deal.id(),
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
        Task call = opportunities.guide(deal.id()).tasks().stream()
                .filter(t -> t.titleEn().equals("Discovery call")).findFirst().orElseThrow();
        _setValue(_find(Checkbox.class).stream().filter(c -> c.getLabel().startsWith("Discovery call")).findFirst()
                .orElseThrow(), true);

        assertThat(opportunities.guide(deal.id()).tasks()).filteredOn(t -> t.id() == call.id())
                .extracting(Task::status).containsExactly(Task.Status.DONE);
        // the amount is filled (125,000) so the gate is met now
        _click(_get(Button.class, spec -> spec.withText("Advance to Propose")));
        assertThat(opportunities.get(deal.id()).stageId()).isEqualTo(pipeline.stages().get(1).id());
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
