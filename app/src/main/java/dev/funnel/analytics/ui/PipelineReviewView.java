package dev.funnel.analytics.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.analytics.FlaggedDeal;
import dev.funnel.analytics.FlaggedDeal.Flag;
import dev.funnel.analytics.PipelineAsOfReport;
import dev.funnel.analytics.PipelineHistoryService;
import dev.funnel.analytics.PipelineMovement;
import dev.funnel.analytics.PipelineMovement.Bar;
import dev.funnel.analytics.PipelineMovement.Movement;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ui.ChartOptions.Step;
import dev.funnel.catalog.ProductService;
import dev.funnel.currency.CurrencyService;
import dev.funnel.identity.Role;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.Texts;
import dev.funnel.platform.ui.EChart;
import dev.funnel.platform.ui.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pipeline review (漏斗复盘): the pipeline at the end of one day against another — per stage as of each date, the
 * waterfall of what moved it (each bar opens its deals), per stage what came and went, and the deals a review
 * should talk about, flagged. The filters' period is the expected close dates that count as in the pipeline
 * (empty: every open deal).
 */
@Route("reports/review")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class PipelineReviewView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private static final int FLAGGED_PAGE = 50;

    private final PipelineHistoryService history;
    final ReportFilters filters;
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final Span summary = new Span();
    final Span note = new Span();
    final EChart waterfall = new EChart();
    final Grid<StageRow> stages = new Grid<>();
    final FlexLayout flagButtons = new FlexLayout();
    final Grid<FlaggedDeal> flagged = new Grid<>();
    final Span flaggedCount = new Span();
    private final LocalDate today;
    private boolean ready;
    private PipelineMovement movement;
    private Map<Long, String> stageNames = Map.of();
    private Flag flagShown;

    /** One stage's line: open at each date, weighted at the second, and what moved it. */
    record StageRow(String name, long dealsBefore, BigDecimal amountBefore, long dealsAfter, BigDecimal amountAfter,
                    BigDecimal weightedAfter, String moves) {
    }

    public PipelineReviewView(PipelineHistoryService history, PipelineService pipelines, TeamService teams,
                              UserService users, ProductService products, ChoiceService choices,
                              CurrencyService currencies, Clock clock) {
        this.history = history;
        this.today = LocalDate.now(clock);
        setSizeFull();
        addClassName("funnel-review");
        filters = new ReportFilters(pipelines.list(), pipelines.defaultPipeline().orElse(null), teams.visible(),
                users.assignableOwners(), products.listActive(), choices.leadSources(), currencies.currencies(),
                today, this::refresh);
        filters.period.setLabel(getTranslation("review.filter.closing"));
        filters.from.setLabel(getTranslation("review.filter.closing-from"));
        filters.to.setLabel(getTranslation("review.filter.closing-to"));
        filters.from.setClearButtonVisible(true);
        filters.to.setClearButtonVisible(true);
        filters.from.clear();
        filters.to.clear();
        from.setLabel(getTranslation("review.date.from"));
        to.setLabel(getTranslation("review.date.to"));
        for (DatePicker date : List.of(from, to)) {
            date.setLocale(getLocale());
            date.setMax(today);
            date.addValueChangeListener(e -> refresh());
        }
        from.setValue(today.minusDays(7));
        to.setValue(today);
        FlexLayout dates = new FlexLayout(from, to);
        dates.getStyle().set("gap", "var(--lumo-space-s)");
        dates.setFlexWrap(FlexLayout.FlexWrap.WRAP);

        summary.addClassName("funnel-review-summary");
        note.addClassName("funnel-note");
        waterfall.setWidthFull();
        waterfall.setHeight("320px");
        waterfall.addClassName("funnel-waterfall");
        waterfall.addClickListener(e -> drill(e.dataIndex()));

        stages.addColumn(StageRow::name).setHeader(getTranslation("report.col.stage")).setFlexGrow(2);
        stages.addColumn(r -> r.dealsBefore() + " · " + money(r.amountBefore()))
                .setHeader(getTranslation("review.col.before")).setTextAlign(ColumnTextAlign.END);
        stages.addColumn(r -> r.dealsAfter() + " · " + money(r.amountAfter()))
                .setHeader(getTranslation("review.col.after")).setTextAlign(ColumnTextAlign.END);
        stages.addColumn(r -> money(r.weightedAfter())).setHeader(getTranslation("review.col.weighted"))
                .setTextAlign(ColumnTextAlign.END);
        stages.addColumn(StageRow::moves).setHeader(getTranslation("review.col.moves")).setFlexGrow(3);
        stages.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        stages.setAllRowsVisible(true);

        flagButtons.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        flagButtons.getStyle().set("gap", "var(--lumo-space-xs)");
        flagged.addComponentColumn(d -> new Anchor("opportunities/" + d.id(), d.name()))
                .setHeader(getTranslation("report.col.deal")).setFlexGrow(2);
        flagged.addColumn(FlaggedDeal::ownerName).setHeader(getTranslation("opportunity.owner"));
        flagged.addColumn(d -> stageNames.getOrDefault(d.stageId(), "")).setHeader(getTranslation("report.col.stage"));
        flagged.addColumn(d -> money(d.amount())).setHeader(getTranslation("report.col.amount"))
                .setTextAlign(ColumnTextAlign.END);
        flagged.addColumn(d -> d.expectedClose() == null ? "–" : Formats.date(d.expectedClose(), getLocale()))
                .setHeader(getTranslation("opportunity.expected-close"));
        flagged.addColumn(this::flagText).setHeader(getTranslation("review.col.flags")).setFlexGrow(3);
        flagged.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        flagged.setAllRowsVisible(true);

        add(filters, dates, summary, note, new H3(getTranslation("review.waterfall")), waterfall,
                new H3(getTranslation("review.stages")), stages, new H3(getTranslation("review.flags")), flagButtons,
                flaggedCount, flagged);
        ready = true;
        refresh();
        getStyle().set("overflow", "auto");
    }

    /** {@code ?from=2026-11-27&to=2026-12-04}: the dates a link (from the board's "as of") opens with. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var query = event.getLocation().getQueryParameters().getParameters();
        ready = false;
        parse(query.get("from")).ifPresent(from::setValue);
        parse(query.get("to")).ifPresent(to::setValue);
        ready = true;
        refresh();
    }

    private static java.util.Optional<LocalDate> parse(List<String> values) {
        try {
            return values == null || values.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(LocalDate.parse(values.get(0)));
        } catch (java.time.format.DateTimeParseException bad) {
            return java.util.Optional.empty();
        }
    }

    void refresh() {
        if (!ready || from.getValue() == null || to.getValue() == null) {
            return;
        }
        ReportFilter filter = filters.value();
        new FieldErrors(this).attempt(() -> show(filter));
    }

    private void show(ReportFilter filter) {
        PipelineAsOfReport before = history.asOf(filter, from.getValue());
        PipelineAsOfReport after = history.asOf(filter, to.getValue());
        movement = history.movement(filter, from.getValue(), to.getValue());
        Locale locale = getLocale();
        stageNames = after.stages().stream().collect(Collectors.toMap(PipelineAsOfReport.StageLine::stageId,
                s -> stageName(s.nameEn(), s.nameZh(), s.removed())));
        summary.setText(getTranslation("review.summary", Formats.date(from.getValue(), locale),
                before.deals(), money(before.amount()), Formats.date(to.getValue(), locale), after.deals(),
                money(after.amount()), money(after.amount().subtract(before.amount()))));
        List<String> notes = new ArrayList<>();
        if (before.beforeFirstDeal()) {
            notes.add(before.firstDealDate() == null ? getTranslation("review.no-deals")
                    : getTranslation("review.before-first-deal", Formats.date(before.firstDealDate(), locale)));
        }
        if (movement.createdAndClosed() > 0) {
            notes.add(getTranslation("review.created-and-closed", movement.createdAndClosed()));
        }
        note.setText(String.join(" · ", notes));
        note.setVisible(!notes.isEmpty());

        List<Step> steps = new ArrayList<>();
        steps.add(new Step(getTranslation("review.start", Formats.date(from.getValue(), locale)),
                movement.start().amount(), true, money(movement.start().amount())));
        for (Bar bar : movement.bars()) {
            steps.add(new Step(getTranslation("review.movement." + bar.movement().name()) + " (" + bar.deals() + ")",
                    bar.amount(), false, (bar.amount().signum() < 0 ? "−" : "+") + money(bar.amount().abs())));
        }
        steps.add(new Step(getTranslation("review.end", Formats.date(to.getValue(), locale)),
                movement.end().amount(), true, money(movement.end().amount())));
        waterfall.setOption(ChartOptions.waterfall(steps));

        Map<Long, PipelineAsOfReport.StageLine> beforeByStage = new HashMap<>();
        before.stages().forEach(s -> beforeByStage.put(s.stageId(), s));
        List<StageRow> rows = new ArrayList<>();
        for (PipelineAsOfReport.StageLine line : after.stages()) {
            PipelineAsOfReport.StageLine was = beforeByStage.get(line.stageId());
            String moves = movement.stages().stream().filter(m -> m.stageId() == line.stageId()).findFirst()
                    .map(m -> m.bars().stream().map(b -> (b.movement().adds() ? "+" : "−") + b.deals() + " "
                            + getTranslation("review.movement." + b.movement().name())).collect(Collectors.joining(", ")))
                    .orElse("");
            rows.add(new StageRow(stageNames.get(line.stageId()), was == null ? 0 : was.deals(),
                    was == null ? BigDecimal.ZERO : was.amount(), line.deals(), line.amount(), line.weighted(), moves));
        }
        stages.setItems(rows);
        showFlags(filter);
    }

    private void showFlags(ReportFilter filter) {
        PipelineHistoryService.FlagReport report = history.flags(filter, from.getValue(), to.getValue(), null,
                flagShown, PageRequest.of(0, FLAGGED_PAGE));
        flagButtons.removeAll();
        Button all = new Button(getTranslation("review.flag.all"), e -> {
            flagShown = null;
            showFlags(filter);
        });
        all.addThemeVariants(flagShown == null ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_TERTIARY,
                ButtonVariant.LUMO_SMALL);
        flagButtons.add(all);
        for (Flag flag : Flag.values()) {
            Button button = new Button(getTranslation("review.flag." + flag.name(), report.quietDays()) + " ("
                    + report.counts().getOrDefault(flag, 0L) + ")", e -> {
                flagShown = flag;
                showFlags(filter);
            });
            button.addThemeVariants(flag == flagShown ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_TERTIARY,
                    ButtonVariant.LUMO_SMALL);
            button.setId("review-flag-" + flag.name().toLowerCase(Locale.ROOT));
            flagButtons.add(button);
        }
        flaggedCount.setText(report.deals().total() > report.deals().items().size()
                ? getTranslation("review.flagged-first", report.deals().items().size(), report.deals().total())
                : getTranslation("review.flagged", report.deals().total()));
        flagged.setItems(report.deals().items());
    }

    private String flagText(FlaggedDeal deal) {
        return deal.flags().stream().sorted().map(flag -> switch (flag) {
            case CLOSE_PUSHED -> getTranslation("review.flag.pushed-times", deal.closePushes(), deal.closePushesEver());
            case STALLED -> getTranslation("review.flag.stalled-days", deal.daysInStage());
            case NO_FOLLOW_UP -> deal.daysWithoutFollowUp() == null ? getTranslation("review.flag.never-followed")
                    : getTranslation("review.flag.quiet-days", deal.daysWithoutFollowUp());
            default -> getTranslation("review.flag." + flag.name(), 0);
        }).collect(Collectors.joining(" · "));
    }

    /** The waterfall's bar at {@code index}: the start, a movement, the end. */
    private void drill(int index) {
        if (movement == null || index <= 0 || index > movement.bars().size()) {
            return;
        }
        Movement chosen = movement.bars().get(index - 1).movement();
        ReportFilter filter = filters.value();
        LocalDate first = from.getValue();
        LocalDate second = to.getValue();
        new MovedDealsDialog(getTranslation("review.movement." + chosen.name()), stageNames, movement.currency(),
                page -> history.movedDeals(filter, first, second, chosen, null, page)).open();
    }

    private String stageName(String en, String zh, boolean removed) {
        String name = Texts.pick(getLocale(), en, zh);
        return removed ? getTranslation("review.removed-stage", name) : name;
    }

    private String money(BigDecimal amount) {
        return Formats.compactMoney(amount, movement == null ? filters.currency.getValue() : movement.currency(),
                getLocale());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("review.title") + " · " + getTranslation("app.name");
    }
}
