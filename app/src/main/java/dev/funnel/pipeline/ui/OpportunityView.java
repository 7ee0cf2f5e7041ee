package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.followup.FollowUpService;
import dev.funnel.catalog.ProductService;
import dev.funnel.currency.CurrencyService;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.DealChange;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.pipeline.StageGuide;
import dev.funnel.pipeline.StageHistoryEntry;
import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.TaskService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.ui.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.util.Locale;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One opportunity: its key facts, the stage path, the stage guide (exit criteria, tasks, 'Advance to …'), and
 * tabs for the details and the stage history.
 */
@Route("opportunities/:id")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class OpportunityView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final OpportunityServices deals;
    private final TaskService tasks;
    private final PipelineService pipelines;
    private final UserService users;
    private final OpportunityEditor editor;
    private final FollowUpService activities;
    private final ProductService products;
    private final CurrencyService currencies;
    private final Closing closing;
    /** The scorers' verdicts, when the scoring module is there to give them. */
    private final java.util.Optional<dev.funnel.pipeline.DealScoreSource> scores;
    private final FieldErrors errors = new FieldErrors(this);
    private Opportunity deal;

    public OpportunityView(OpportunityServices deals, TaskService tasks, PipelineService pipelines,
                           CustomerService customers, UserService users, ChoiceService choices,
                           FollowUpService activities, ProductService products, CurrencyService currencies,
                           Clock clock,
                           org.springframework.beans.factory.ObjectProvider<dev.funnel.pipeline.DealScoreSource> scores) {
        this.scores = java.util.Optional.ofNullable(scores.getIfAvailable());
        this.currencies = currencies;
        this.deals = deals;
        this.tasks = tasks;
        this.pipelines = pipelines;
        this.users = users;
        this.editor = new OpportunityEditor(deals, customers, pipelines, users, choices, currencies);
        this.activities = activities;
        this.products = products;
        this.closing = new Closing(deals, tasks, choices, users, clock);
        addClassName("funnel-opportunity");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            long id = Long.parseLong(event.getRouteParameters().get("id").orElse(""));
            deal = deals.queries().get(id);
            render();
        } catch (NumberFormatException | NotFoundException e) {
            event.forwardTo(OpportunitiesView.class);
        }
    }

    private void render() {
        removeAll();
        Pipeline pipeline = pipelines.get(deal.pipelineId());
        H2 title = new H2(deal.name());
        title.addClassName("funnel-view-title");
        Button edit = new Button(getTranslation("opportunity.edit"), e -> editor.open(deal, this::reload));
        HorizontalLayout outcome = outcomeActions();
        Component customer = deal.customerId() == null ? fact("opportunity.customer", null)
                : new Anchor("customers/" + deal.customerId(), getTranslation("opportunity.customer") + ": "
                + deal.customerName());
        HorizontalLayout facts = new HorizontalLayout(title, customer,
                amount(),
                fact("opportunity.owner", deal.ownerName()),
                fact("opportunity.expected-close", Formats.date(deal.expectedCloseDate(), getLocale())),
                fact("opportunity.grade", deal.grade() == null ? "–" : deal.grade()),
                fact("opportunity.win-probability", deal.winProbability() == null ? "–"
                        : getTranslation("score.badge", deal.winProbability().movePointRight(2)
                                .setScale(0, java.math.RoundingMode.HALF_UP).intValue())),
                fact("opportunity.status", getTranslation("status." + deal.status().name().toLowerCase(Locale.ROOT))), edit,
                outcome);
        facts.addClassName("funnel-toolbar");
        StageGuide guide = deals.progress().guide(deal.id());
        boolean open = deal.status() == OpportunityStatus.OPEN;
        StageGuidePanel panel = new StageGuidePanel(guide, open, users.current().isManager(), actions(guide));
        TabSheet tabs = new TabSheet();
        tabs.add(getTranslation("opportunity.tab.activity"), new FollowUpPanel(deal.customerId(), deal.id(),
                activities.forOpportunity(deal.id()), draft -> {
                    activities.log(draft);
                    reload();
                }));
        tabs.add(getTranslation("opportunity.tab.products"), new LinesPanel(deal, deals.queries().lines(deal.id()),
                products.listActive(), drafts -> {
                    deals.editing().setLines(deal.id(), deal.version(), drafts);
                    reload();
                }));
        tabs.add(getTranslation("opportunity.tab.history"), history(pipeline));
        scores.ifPresent(source -> tabs.add(getTranslation("opportunity.tab.score"),
                new ScorePanel(source.scores(deal.id(), getLocale()), () -> source.rescore(deal.id(), getLocale()))));
        HorizontalLayout body = new HorizontalLayout(panel, tabs);
        body.addClassName("funnel-opportunity-body");
        body.setWidthFull();
        body.setFlexGrow(1, tabs);
        add(facts, new StagePath(pipeline, deal), body);
    }

    /** Won and Lost for an open deal; Reopen for a closed one, for managers. */
    private HorizontalLayout outcomeActions() {
        HorizontalLayout actions = new HorizontalLayout();
        actions.addClassName("funnel-outcome-actions");
        if (deal.status() == OpportunityStatus.OPEN) {
            Button won = new Button(getTranslation("close.won"), e -> closing.won(deal.id(), this, this::reload,
                    () -> editor.open(deal, this::reload)));
            won.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_PRIMARY);
            Button lost = new Button(getTranslation("close.lost"), e -> closing.lost(deal.id(), this, this::reload));
            lost.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(won, lost);
        } else if (users.current().isManager()) {
            Button reopen = new Button(getTranslation("close.reopen"),
                    e -> act(() -> deals.outcomes().reopen(deal.id(), deal.version())));
            actions.add(reopen);
        }
        return actions;
    }

    private StageGuidePanel.Actions actions(StageGuide guide) {
        return new StageGuidePanel.Actions() {
            @Override
            public void confirm(long criterionId, boolean confirmed) {
                act(() -> {
                    if (confirmed) {
                        deals.progress().confirmCriterion(deal.id(), criterionId);
                    } else {
                        deals.progress().withdrawConfirmation(deal.id(), criterionId);
                    }
                });
            }

            @Override
            public void complete(Task task) {
                act(() -> tasks.complete(task.id(), task.version(), null));
            }

            @Override
            public void advance() {
                act(() -> deals.progress().moveToStage(deal.id(), deal.version(), guide.nextStage().id(), null));
            }

            @Override
            public void override() {
                GateDialog[] dialog = new GateDialog[1];
                dialog[0] = new GateDialog(getTranslation("gate.title", guide.nextStage().name(getLocale())),
                        guide.missingForNext(), true, List.of(), getTranslation("gate.confirm-and-move"),
                        decision -> {
                            dialog[0].close();
                            act(() -> {
                                closing.settle(deal.id(), decision);
                                deals.progress().moveToStage(deal.id(), deals.queries().get(deal.id()).version(),
                                        guide.nextStage().id(), decision.overrideReason());
                            });
                        }, () -> editor.open(deal, OpportunityView.this::reload));
                dialog[0].open();
            }
        };
    }

    private void act(Runnable action) {
        errors.attempt(action);
        reload();
    }

    private void reload() {
        deal = deals.queries().get(deal.id());
        render();
    }

    /** One row of the History tab: a stage-ledger line or a field change, ready to show. */
    private record HistoryRow(java.time.OffsetDateTime at, String what, String from, String to, String who,
                              String note) {
    }

    private Grid<HistoryRow> history(Pipeline pipeline) {
        Map<Long, String> names = pipelines.stagesEver(pipeline.id()).values().stream()
                .collect(Collectors.toMap(s -> s.id(), s -> s.name(getLocale()), (a, b) -> a));
        List<HistoryRow> rows = new java.util.ArrayList<>();
        for (StageHistoryEntry h : deals.queries().history(deal.id())) {
            rows.add(new HistoryRow(h.changedAt(), getTranslation("history.event." + h.event().name()),
                    h.fromStageId() == null ? "" : names.getOrDefault(h.fromStageId(), ""),
                    names.getOrDefault(h.toStageId(), ""), who(h.changedByName()), h.overrideReason()));
        }
        for (DealChange c : deals.queries().changes(deal.id())) {
            boolean owner = c.field() == DealChange.Field.OWNER;
            rows.add(new HistoryRow(c.changedAt(), getTranslation("history.field." + c.field().name()),
                    owner ? c.oldName() : value(c.field(), c.oldValue()),
                    owner ? c.newName() : value(c.field(), c.newValue()), who(c.changedByName()), null));
        }
        rows.sort(java.util.Comparator.comparing(HistoryRow::at));
        Grid<HistoryRow> grid = new Grid<>();
        grid.addColumn(h -> Formats.dateTime(h.at(), ZoneId.systemDefault(), getLocale()))
                .setHeader(getTranslation("history.when"));
        grid.addColumn(HistoryRow::what).setHeader(getTranslation("history.event"));
        grid.addColumn(HistoryRow::from).setHeader(getTranslation("history.from"));
        grid.addColumn(HistoryRow::to).setHeader(getTranslation("history.to"));
        grid.addColumn(HistoryRow::who).setHeader(getTranslation("history.who"));
        grid.addColumn(HistoryRow::note).setHeader(getTranslation("history.override"));
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setItems(rows);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private String who(String name) {
        return name == null ? getTranslation("history.system") : name;
    }

    /** A recorded value as the deal page shows it. */
    private String value(DealChange.Field field, String value) {
        if (value == null) {
            return "–";
        }
        return switch (field) {
            case AMOUNT -> Formats.money(new BigDecimal(value), deal.currency(), getLocale());
            case EXPECTED_CLOSE -> Formats.date(java.time.LocalDate.parse(value), getLocale());
            case PROBABILITY -> new BigDecimal(value).movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP)
                    + " %";
            default -> value;
        };
    }

    /**
     * The amount as entered; a deal in another currency also shows what it counts for in the company currency's
     * totals, with the rate and its day in the tooltip.
     */
    private Span amount() {
        BigDecimal entered = deal.actualAmount() != null ? deal.actualAmount() : deal.amount();
        Span amount = fact(deal.actualAmount() != null ? "opportunity.actual-amount" : "opportunity.amount",
                Formats.money(entered, deal.currency(), getLocale()));
        String company = currencies.companyCurrency();
        if (entered != null && !company.equals(deal.currency())) {
            amount.add(new Span(" " + (deal.companyAmount() == null
                    ? getTranslation("opportunity.no-rate", deal.currency())
                    : "≈ " + Formats.money(deal.companyAmount(), company, getLocale()))));
            currencies.rateOfDeal(deal.id()).ifPresent(rate -> amount.setTitle(getTranslation(
                    "opportunity.converted-at", deal.currency(), rate.rate().toPlainString(), company,
                    Formats.date(rate.validFrom(), getLocale()))));
        }
        return amount;
    }

    private Span fact(String labelKey, String value) {
        Span fact = new Span(getTranslation(labelKey) + ": " + (value == null ? "–" : value));
        fact.addClassName("funnel-fact");
        return fact;
    }

    @Override
    public String getPageTitle() {
        return (deal == null ? "" : deal.name() + " · ") + getTranslation("app.name");
    }
}
