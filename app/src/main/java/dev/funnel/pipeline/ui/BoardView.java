package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dnd.DropEffect;
import com.vaadin.flow.component.dnd.DropTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.funnel.identity.Role;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.BoardCard;
import dev.funnel.pipeline.BoardColumn;
import dev.funnel.pipeline.BoardFilter;
import dev.funnel.pipeline.BoardService;
import dev.funnel.pipeline.Choice;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.pipeline.StageGateException;
import dev.funnel.pipeline.TaskService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.ui.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pipeline board: a column per stage with its figures, cards that load a page at a time, and drag and drop
 * that runs the stage gate — a refused drop leaves the card where it was and says what is missing.
 */
@Route("pipeline")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class BoardView extends VerticalLayout implements HasDynamicTitle {

    private final BoardService board;
    private final OpportunityServices deals;
    private final UserService users;
    private final Select<Pipeline> pipeline = new Select<>();
    private final ComboBox<UserSummary> owner = new ComboBox<>();
    private final ComboBox<Team> team = new ComboBox<>();
    private final Select<String> grade = new Select<>();
    private final ComboBox<Choice> source = new ComboBox<>();
    private final DatePicker closeFrom = new DatePicker();
    private final DatePicker closeTo = new DatePicker();
    private final Checkbox mine = new Checkbox();
    /** A past day: opens the pipeline review with the pipeline as of that day beside today's. */
    final DatePicker asOf = new DatePicker();
    private final Span totals = new Span();
    private final HorizontalLayout columns = new HorizontalLayout();
    private final Closing closing;
    private GateDialog openGate;

    public BoardView(BoardService board, OpportunityServices deals, PipelineService pipelines,
                     UserService users, TeamService teams, ChoiceService choices, TaskService tasks,
                     Clock clock) {
        this.board = board;
        this.closing = new Closing(deals, tasks, choices, users, clock);
        this.deals = deals;
        this.users = users;
        setSizeFull();
        H2 title = new H2(getTranslation("nav.pipeline"));
        title.addClassName("funnel-view-title");
        pipeline.setId("board-pipeline");
        pipeline.setItems(pipelines.list());
        pipeline.setItemLabelGenerator(Pipeline::name);
        owner.setItems(users.assignableOwners());
        owner.setItemLabelGenerator(UserSummary::fullName);
        team.setItems(teams.visible());
        team.setItemLabelGenerator(Team::name);
        grade.setItems(dev.funnel.pipeline.OpportunityDraft.GRADES);
        grade.setEmptySelectionAllowed(true);
        source.setItems(choices.leadSources());
        source.setItemLabelGenerator(c -> c.label(getLocale()));
        owner.setPlaceholder(getTranslation("opportunity.owner"));
        team.setPlaceholder(getTranslation("team.name"));
        grade.setPlaceholder(getTranslation("opportunity.grade"));
        source.setPlaceholder(getTranslation("opportunity.lead-source"));
        closeFrom.setPlaceholder(getTranslation("board.close-from"));
        closeTo.setPlaceholder(getTranslation("board.close-to"));
        mine.setLabel(getTranslation("board.mine"));
        asOf.setPlaceholder(getTranslation("board.as-of"));
        asOf.setId("board-as-of");
        asOf.setMax(java.time.LocalDate.now(clock));
        asOf.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                // the review page is analytics': reached by its route, as the pipeline module must not know it
                UI.getCurrent().navigate("reports/review", com.vaadin.flow.router.QueryParameters.simple(
                        java.util.Map.of("from", e.getValue().toString(),
                                "to", java.time.LocalDate.now(clock).toString())));
            }
        });
        List.of(owner, team, source).forEach(box -> box.setClearButtonVisible(true));
        pipeline.addValueChangeListener(e -> refresh());
        owner.addValueChangeListener(e -> refresh());
        team.addValueChangeListener(e -> refresh());
        grade.addValueChangeListener(e -> refresh());
        source.addValueChangeListener(e -> refresh());
        closeFrom.addValueChangeListener(e -> refresh());
        closeTo.addValueChangeListener(e -> refresh());
        mine.addValueChangeListener(e -> refresh());
        for (HasStyle filter : new HasStyle[] {owner, team, grade, source, closeFrom, closeTo, mine, asOf}) {
            filter.addClassName("funnel-board-filter");
        }
        Button filters = new Button(getTranslation("board.filters"));
        filters.addClassName("funnel-filters-toggle");
        filters.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout bar = new HorizontalLayout(title, pipeline, filters, owner, team, grade, source, closeFrom,
                closeTo, mine, asOf, totals);
        bar.addClassNames("funnel-toolbar", "funnel-board-bar");
        filters.addClickListener(e -> bar.getClassNames().set("filters-open", !bar.hasClassName("filters-open")));
        totals.addClassName("funnel-board-totals");
        columns.addClassName("funnel-board");
        columns.setWidthFull();
        add(bar, columns);
        expand(columns);
        pipelines.defaultPipeline().ifPresent(pipeline::setValue);
    }

    BoardFilter filter() {
        Long ownerId = mine.getValue() ? Long.valueOf(users.current().id())
                : owner.getValue() == null ? null : owner.getValue().id();
        return new BoardFilter(pipeline.getValue().id(), ownerId, team.getValue() == null ? null : team.getValue().id(),
                grade.getValue(), source.getValue() == null ? null : source.getValue().code(), closeFrom.getValue(),
                closeTo.getValue());
    }

    void refresh() {
        columns.removeAll();
        if (pipeline.getValue() == null) {
            return;
        }
        BoardFilter filter = filter();
        List<BoardColumn> heads = board.columns(filter);
        for (BoardColumn head : heads) {
            columns.add(new BoardColumnView(head,
                    offset -> board.cards(filter, head.stage().id(), new PageRequest(offset, BoardColumnView.PAGE)),
                    this::drop));
        }
        columns.add(outcomeZone("won", card -> closing.won(card.id(), this, this::refresh, () -> UI.getCurrent()
                .navigate(OpportunityView.class, new RouteParameters("id", String.valueOf(card.id()))))));
        columns.add(outcomeZone("lost", card -> closing.lost(card.id(), this, this::refresh)));
        long count = heads.stream().mapToLong(BoardColumn::count).sum();
        BigDecimal amount = heads.stream().map(BoardColumn::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal weighted = heads.stream().map(BoardColumn::weightedAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        String currency = heads.isEmpty() ? "" : heads.get(0).currency();
        long unconverted = heads.stream().mapToLong(BoardColumn::unconverted).sum();
        totals.setText(getTranslation("board.totals", count, Formats.compactMoney(amount, currency, getLocale()),
                Formats.compactMoney(weighted, currency, getLocale()))
                + (unconverted == 0 ? "" : " · " + getTranslation("board.unconverted", unconverted)));
    }

    /** A card was dropped on a column: move the deal through the gate, or explain and offer to confirm. */
    void drop(BoardCard card, long stageId) {
        if (card.stageId() == stageId) {
            return;
        }
        try {
            deals.progress().moveToStage(card.id(), card.version(), stageId, null);
            refresh();
        } catch (StageGateException refused) {
            String stageName = pipeline.getValue().stages().stream().filter(s -> s.id() == stageId).findFirst()
                    .map(s -> s.name(getLocale())).orElse("");
            openGate = new GateDialog(getTranslation("gate.title", stageName), refused.missing(),
                    users.current().isManager(), List.of(), getTranslation("gate.confirm-and-move"),
                    decision -> retry(card, stageId, decision), () -> UI.getCurrent().navigate(OpportunityView.class,
                            new RouteParameters("id", String.valueOf(card.id()))));
            openGate.open();
        } catch (RuntimeException other) {
            new FieldErrors(this).attempt(() -> {
                throw other;
            });
            refresh();
        }
    }

    private void retry(BoardCard card, long stageId, GateDialog.Decision decision) {
        openGate.close();
        // a refusal, a stale card or a bad confirmation is explained the same way as everywhere else
        boolean moved = new FieldErrors(this).attempt(() -> {
            closing.settle(card.id(), decision);
            deals.progress().moveToStage(card.id(), card.version(), stageId, decision.overrideReason());
        });
        if (moved) {
            Notification.show(getTranslation("board.moved", card.name()), 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
        refresh();
    }

    /** A narrow column at the end of the board: a card dropped on it is closed as won or lost, after asking. */
    private Div outcomeZone(String outcome, Consumer<BoardCard> dropped) {
        Div zone = new Div(new Span(getTranslation("close." + outcome)));
        zone.addClassNames("funnel-outcome-zone", "funnel-outcome-" + outcome);
        zone.setId("board-" + outcome);
        DropTarget<Div> target = DropTarget.create(zone);
        target.setDropEffect(DropEffect.MOVE);
        target.addDropListener(e -> e.getDragData().ifPresent(data -> dropped.accept((BoardCard) data)));
        return zone;
    }

    List<BoardColumnView> columnViews() {
        return columns.getChildren().filter(BoardColumnView.class::isInstance).map(BoardColumnView.class::cast)
                .toList();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.pipeline") + " · " + getTranslation("app.name");
    }
}
