package dev.funnel.analytics.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.funnel.analytics.CycleChangeReport;
import dev.funnel.analytics.CycleChangeReport.GroupContribution;
import dev.funnel.analytics.CycleChangeReport.Period;
import dev.funnel.analytics.CycleChangeReport.StageContribution;
import dev.funnel.analytics.CycleChangeService;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ui.ChartOptions.Series;
import dev.funnel.catalog.ProductService;
import dev.funnel.currency.CurrencyService;
import dev.funnel.identity.Role;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.Texts;
import dev.funnel.platform.ui.EChart;
import dev.funnel.platform.ui.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Why the sales cycle changed (docs/metrics.md, "Why the cycle changed"): two periods' cycle and velocity side by
 * side, and what each stage's time, each rep, each product and each lead source added to or took from the mean
 * cycle — the drill-down from "the cycle got longer" to where and who. Opened from the cycle figure on Reports
 * with the same selection, comparing its period with the one of the same length before.
 */
@Route("reports/cycle-change")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class CycleChangeView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final CycleChangeService cycles;
    final ReportFilters filters;
    final DatePicker from1 = new DatePicker();
    final DatePicker to1 = new DatePicker();
    final DatePicker from2 = new DatePicker();
    final DatePicker to2 = new DatePicker();
    final Span summary = new Span();
    final Grid<Row> periods = new Grid<>();
    final EChart stageChart = new EChart();
    final Grid<StageContribution> stages = new Grid<>();
    final Grid<GroupContribution> reps = new Grid<>();
    final Grid<GroupContribution> products = new Grid<>();
    final Grid<GroupContribution> sources = new Grid<>();
    CycleChangeReport report;
    private boolean ready;

    /** A figure of both periods. */
    record Row(String label, String first, String second) {
    }

    public CycleChangeView(CycleChangeService cycles, PipelineService pipelines, TeamService teams,
                           UserService users, ProductService catalog, ChoiceService choices,
                           CurrencyService currencies, Clock clock) {
        this.cycles = cycles;
        LocalDate today = LocalDate.now(clock);
        setSizeFull();
        getStyle().set("overflow", "auto");
        addClassName("funnel-cycle-change");
        filters = new ReportFilters(pipelines.list(), pipelines.defaultPipeline().orElse(null), teams.visible(),
                users.assignableOwners(), catalog.listActive(), choices.leadSources(), currencies.currencies(),
                today, this::refresh);
        // the periods are the two pairs of dates below
        filters.period.setVisible(false);
        filters.from.setVisible(false);
        filters.to.setVisible(false);
        from1.setLabel(getTranslation("cycle-change.first-from"));
        to1.setLabel(getTranslation("cycle-change.first-to"));
        from2.setLabel(getTranslation("cycle-change.second-from"));
        to2.setLabel(getTranslation("cycle-change.second-to"));
        setPeriods(today.minusDays(89), today);
        for (DatePicker date : List.of(from1, to1, from2, to2)) {
            date.setLocale(getLocale());
            date.addValueChangeListener(e -> refresh());
        }
        FlexLayout dates = new FlexLayout(from1, to1, from2, to2);
        dates.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        dates.getStyle().set("gap", "var(--lumo-space-s)");

        periods.addColumn(Row::label).setHeader("").setFlexGrow(2);
        periods.addColumn(Row::first).setHeader(getTranslation("cycle-change.first")).setTextAlign(ColumnTextAlign.END);
        periods.addColumn(Row::second).setHeader(getTranslation("cycle-change.second"))
                .setTextAlign(ColumnTextAlign.END);
        compact(periods);
        stageChart.setWidthFull();
        stageChart.setHeight("260px");
        stages.addColumn(s -> Texts.pick(getLocale(), s.nameEn(), s.nameZh())
                        + (s.removed() ? " " + getTranslation("cycle-change.removed") : ""))
                .setHeader(getTranslation("report.col.stage")).setFlexGrow(2);
        // the contribution first after the name: on a phone it is the column in view
        stages.addColumn(s -> signed(s.contributionDays())).setHeader(getTranslation("cycle-change.contribution"))
                .setTextAlign(ColumnTextAlign.END);
        stages.addColumn(s -> days(s.firstDays()) + " (" + s.firstDeals() + ")")
                .setHeader(getTranslation("cycle-change.first")).setTextAlign(ColumnTextAlign.END);
        stages.addColumn(s -> days(s.secondDays()) + " (" + s.secondDeals() + ")")
                .setHeader(getTranslation("cycle-change.second")).setTextAlign(ColumnTextAlign.END);
        compact(stages);
        for (Grid<GroupContribution> grid : List.of(reps, products, sources)) {
            grid.addColumn(g -> g.label() == null ? getTranslation("cycle-change.none") : g.label())
                    .setHeader("").setFlexGrow(2);
            grid.addColumn(g -> signed(g.contributionDays())).setHeader(getTranslation("cycle-change.contribution"))
                    .setTextAlign(ColumnTextAlign.END);
            grid.addColumn(g -> g.firstWon() + " · " + days(g.firstMeanDays()))
                    .setHeader(getTranslation("cycle-change.first")).setTextAlign(ColumnTextAlign.END);
            grid.addColumn(g -> g.secondWon() + " · " + days(g.secondMeanDays()))
                    .setHeader(getTranslation("cycle-change.second")).setTextAlign(ColumnTextAlign.END);
            grid.addColumn(g -> signed(g.mixDays())).setHeader(getTranslation("cycle-change.mix"))
                    .setTextAlign(ColumnTextAlign.END);
            grid.addColumn(g -> signed(g.rateDays())).setHeader(getTranslation("cycle-change.rate"))
                    .setTextAlign(ColumnTextAlign.END);
            compact(grid);
        }
        H2 title = new H2(getTranslation("cycle-change.title"));
        title.addClassName("funnel-view-title");
        Span how = new Span(getTranslation("cycle-change.how"));
        how.addClassName("funnel-note");
        add(title, filters, dates, summary, periods, new H3(getTranslation("cycle-change.by-stage")), stageChart,
                stages, new H3(getTranslation("cycle-change.by-rep")), reps,
                new H3(getTranslation("cycle-change.by-product")), products,
                new H3(getTranslation("cycle-change.by-source")), sources, how);
        ready = true;
        refresh();
    }

    /** The link the cycle figure on Reports follows: its selection, its period against the one before. */
    static QueryParameters link(ReportFilters filters) {
        ReportFilter f = filters.value();
        Map<String, String> query = new LinkedHashMap<>(filters.selectionQuery());
        if (f.from() != null && f.to() != null) {
            long days = ChronoUnit.DAYS.between(f.from(), f.to()) + 1;
            query.put("from1", f.from().minusDays(days).toString());
            query.put("to1", f.from().minusDays(1).toString());
            query.put("from2", f.from().toString());
            query.put("to2", f.to().toString());
        }
        return QueryParameters.simple(query);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> query = event.getLocation().getQueryParameters().getParameters();
        ready = false;
        filters.select(query);
        date(query, "from1").ifPresent(from1::setValue);
        date(query, "to1").ifPresent(to1::setValue);
        date(query, "from2").ifPresent(from2::setValue);
        date(query, "to2").ifPresent(to2::setValue);
        ready = true;
        refresh();
    }

    private void setPeriods(LocalDate secondFrom, LocalDate secondTo) {
        long days = ChronoUnit.DAYS.between(secondFrom, secondTo) + 1;
        from1.setValue(secondFrom.minusDays(days));
        to1.setValue(secondFrom.minusDays(1));
        from2.setValue(secondFrom);
        to2.setValue(secondTo);
    }

    private static Optional<LocalDate> date(Map<String, List<String>> query, String key) {
        try {
            List<String> values = query.get(key);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(values.get(0)));
        } catch (java.time.format.DateTimeParseException bad) {
            return Optional.empty();
        }
    }

    void refresh() {
        if (!ready) {
            return;
        }
        new FieldErrors(this).attempt(() -> show(cycles.compare(filters.value(), from1.getValue(), to1.getValue(),
                from2.getValue(), to2.getValue(), getLocale())));
    }

    private void show(CycleChangeReport shown) {
        report = shown;
        Period a = shown.first();
        Period b = shown.second();
        summary.setText(shown.meanDifference() == null ? getTranslation("cycle-change.no-wins")
                : getTranslation("cycle-change.summary", days(a.meanDays()), days(b.meanDays()),
                signed(shown.meanDifference()), top(shown.stages()), topGroup(shown.reps())));
        periods.setItems(List.of(
                row("cycle-change.won", a, b, p -> String.valueOf(p.won())),
                row("cycle-change.median", a, b, p -> days(p.medianDays())),
                row("cycle-change.mean", a, b, p -> days(p.meanDays())),
                row("report.win-rate", a, b, p -> p.winRate() == null ? "–"
                        : p.winRate().multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP) + "%"),
                row("report.average-won", a, b, p -> money(p.averageWonAmount())),
                row("cycle-change.open-at-end", a, b, p -> String.valueOf(p.openAtEnd())),
                row("report.velocity", a, b, p -> p.velocityPerDay() == null ? "–"
                        : getTranslation("report.per-day", money(p.velocityPerDay())))));
        List<String> names = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        for (StageContribution s : shown.stages()) {
            names.add(Texts.pick(getLocale(), s.nameEn(), s.nameZh()));
            values.add(s.contributionDays() == null ? BigDecimal.ZERO : s.contributionDays());
        }
        if (shown.otherDays() != null && shown.otherDays().signum() != 0) {
            names.add(getTranslation("cycle-change.other"));
            values.add(shown.otherDays());
        }
        stageChart.setOption(ChartOptions.bars(names, List.of(Series.bars(getTranslation("cycle-change.contribution"),
                values, ChartOptions.ACCENT)), true));
        stages.setItems(shown.stages());
        reps.setItems(shown.reps());
        products.setItems(shown.products());
        sources.setItems(shown.sources());
    }

    private String top(List<StageContribution> all) {
        return all.stream().filter(s -> s.contributionDays() != null)
                .max(java.util.Comparator.comparing(s -> s.contributionDays().abs()))
                .map(s -> Texts.pick(getLocale(), s.nameEn(), s.nameZh()) + " " + signed(s.contributionDays()))
                .orElse("–");
    }

    private String topGroup(List<GroupContribution> all) {
        return all.isEmpty() || all.get(0).contributionDays() == null ? "–"
                : (all.get(0).label() == null ? getTranslation("cycle-change.none") : all.get(0).label()) + " "
                + signed(all.get(0).contributionDays());
    }

    private Row row(String key, Period a, Period b, Function<Period, String> value) {
        return new Row(getTranslation(key), value.apply(a), value.apply(b));
    }

    private String days(BigDecimal days) {
        return days == null ? "–" : getTranslation("report.days", days.stripTrailingZeros().toPlainString());
    }

    private String signed(BigDecimal days) {
        if (days == null) {
            return "–";
        }
        String text = getTranslation("report.days", days.abs().stripTrailingZeros().toPlainString());
        return days.signum() > 0 ? "+" + text : days.signum() < 0 ? "−" + text : text;
    }

    private String money(BigDecimal amount) {
        return amount == null ? "–" : Formats.compactMoney(amount, report == null ? filters.currency.getValue()
                : report.currency(), getLocale());
    }

    private static void compact(Grid<?> grid) {
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("cycle-change.title") + " · " + getTranslation("app.name");
    }
}
