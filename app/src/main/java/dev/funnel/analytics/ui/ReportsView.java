package dev.funnel.analytics.ui;

import dev.funnel.platform.Texts;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.analytics.ConversionReport;
import dev.funnel.analytics.ConversionReport.StageConversion;
import dev.funnel.analytics.CycleReport;
import dev.funnel.analytics.DrillDown;
import dev.funnel.analytics.DrillDown.Outcome;
import dev.funnel.analytics.FunnelReport;
import dev.funnel.analytics.GroupBy;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ReportService;
import dev.funnel.analytics.TimeInStageReport;
import dev.funnel.analytics.WinRateReport;
import dev.funnel.analytics.ui.ChartOptions.Series;
import dev.funnel.catalog.ProductService;
import dev.funnel.currency.CurrencyService;
import dev.funnel.platform.ExportColumn;
import dev.funnel.platform.ui.ExportMenu;
import dev.funnel.identity.Role;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.ui.EChart;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reports: one filter bar over chart cards — funnel, conversion between stages, time in stage, win rate and deal
 * size by month, lead sources, the leaderboard by rep — with the bottleneck named above them. Every bar opens
 * the deals behind it; every card exports its figures (XLSX) and its picture (PNG).
 */
@Route("reports")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class ReportsView extends VerticalLayout implements HasDynamicTitle {

    static final int LEADERBOARD_SIZE = 10;

    private final ReportService reports;
    final ReportFilters filters;
    final Div bottleneck = new Div();
    final Span problem = new Span();
    final Span rateNote = new Span();
    final Div tiles = new Div();
    final EChart funnelChart = new EChart();
    final EChart conversionChart = new EChart();
    final EChart timeChart = new EChart();
    final EChart monthChart = new EChart();
    final EChart sourceChart = new EChart();
    final EChart leaderChart = new EChart();

    private FunnelReport funnel;
    private ConversionReport conversion;
    private TimeInStageReport time;
    private WinRateReport months;
    private WinRateReport sources;
    private WinRateReport leaders;
    private CycleReport cycle;

    public ReportsView(ReportService reports, PipelineService pipelines, TeamService teams, UserService users,
                       ProductService products, ChoiceService choices, CurrencyService currencies, Clock clock) {
        this.reports = reports;
        setSizeFull();
        addClassName("funnel-reports");
        filters = new ReportFilters(pipelines.list(), pipelines.defaultPipeline().orElse(null), teams.visible(),
                users.assignableOwners(), products.listActive(), choices.leadSources(), currencies.currencies(),
                LocalDate.now(clock), this::refresh);
        bottleneck.addClassName("funnel-bottleneck");
        bottleneck.getStyle().set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("background", "var(--lumo-error-color-10pct)");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        tiles.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-l)");

        FlexLayout cards = new FlexLayout();
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        cards.setWidthFull();
        cards.add(card("report.funnel", funnelChart, "funnel", this::funnelRows),
                card("report.conversion", conversionChart, "conversion", this::conversionRows),
                card("report.time-in-stage", timeChart, "time-in-stage", this::timeRows),
                card("report.by-month", monthChart, "win-rate-by-month", () -> groupRows(months)),
                card("report.sources", sourceChart, "lead-sources", () -> groupRows(sources)),
                card("report.leaderboard", leaderChart, "leaderboard", () -> groupRows(leaders)));
        funnelChart.addClickListener(e -> drill(e.dataIndex() < funnel.stages().size()
                ? DrillDown.reached(funnel.stages().get(e.dataIndex()).stageId()) : DrillDown.won(), e.name()));
        conversionChart.addClickListener(e -> drill(
                DrillDown.entered(conversion.stages().get(e.dataIndex()).stageId()), e.name()));
        timeChart.addClickListener(e -> drill(DrillDown.entered(time.stages().get(e.dataIndex()).stageId()),
                e.name()));
        monthChart.addClickListener(e -> drill(DrillDown.closed(GroupBy.MONTH,
                months.groups().get(e.dataIndex()).key(), Outcome.ANY), e.name()));
        sourceChart.addClickListener(e -> drill(DrillDown.closed(GroupBy.SOURCE,
                sources.groups().get(e.dataIndex()).key(), Outcome.ANY), e.name()));
        leaderChart.addClickListener(e -> drill(DrillDown.closed(GroupBy.OWNER,
                leaders.groups().get(e.dataIndex()).key(), Outcome.WON), e.name()));
        rateNote.addClassName("funnel-note");
        com.vaadin.flow.router.RouterLink review = new com.vaadin.flow.router.RouterLink(
                getTranslation("report.open-review"), PipelineReviewView.class);
        review.setId("reports-open-review");
        com.vaadin.flow.component.button.Button cycleChange = new com.vaadin.flow.component.button.Button(
                getTranslation("report.open-cycle-change"), e -> getUI().ifPresent(ui -> ui.navigate(
                        CycleChangeView.class, CycleChangeView.link(filters))));
        cycleChange.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_TERTIARY);
        cycleChange.setId("reports-open-cycle-change");
        com.vaadin.flow.component.orderedlayout.FlexLayout links =
                new com.vaadin.flow.component.orderedlayout.FlexLayout(review, cycleChange);
        links.setAlignItems(Alignment.CENTER);
        links.getStyle().set("gap", "var(--lumo-space-m)");
        add(filters, links, problem, rateNote, bottleneck, tiles, cards);
        refresh();
    }

    private Component card(String titleKey, EChart chart, String fileName, Supplier<List<List<String>>> rows) {
        H3 title = new H3(getTranslation(titleKey));
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-m)");
        Button png = new Button(getTranslation("report.png"), VaadinIcon.PICTURE.create(),
                e -> chart.downloadPng(fileName + ".png"));
        png.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        ExportMenu<List<String>> xlsx = new ExportMenu<>(fileName, () -> columns(rows.get()),
                page -> page.offset() == 0 ? body(rows.get()) : List.of());
        HorizontalLayout head = new HorizontalLayout(title, xlsx, png);
        head.setWidthFull();
        head.expand(title);
        head.setAlignItems(Alignment.CENTER);
        VerticalLayout card = new VerticalLayout(head, chart);
        card.addClassName("funnel-report-card");
        card.setPadding(true);
        card.setSpacing(false);
        card.getStyle().set("flex", "1 1 28em").set("min-width", "22em").set("background", "var(--lumo-base-color)")
                .set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-l)");
        return card;
    }

    /** Reads every report for the current filters and redraws the page; a bad filter is named instead. */
    void refresh() {
        ReportFilter filter = filters.value();
        try {
            funnel = reports.funnel(filter);
            conversion = reports.conversion(filter);
            time = reports.timeInStage(filter);
            months = reports.winRates(filter, GroupBy.MONTH, getLocale());
            sources = reports.winRates(filter, GroupBy.SOURCE, getLocale());
            leaders = reports.winRates(filter, GroupBy.OWNER, getLocale());
            cycle = reports.cycle(filter);
        } catch (InvalidInputException e) {
            problem.setText(e.problems().stream().map(p -> getTranslation(p.messageKey(), p.arguments().toArray()))
                    .reduce((a, b) -> a + " " + b).orElse(""));
            return;
        }
        problem.setText("");
        java.util.Set<String> unrated = reports.currenciesWithoutRate();
        boolean converted = funnel.currency().equals(reports.companyCurrency());
        rateNote.setText(converted && !unrated.isEmpty()
                ? getTranslation("report.unrated", String.join(", ", unrated), funnel.currency()) : "");
        rateNote.setVisible(converted && !unrated.isEmpty());
        drawFunnel();
        drawConversion();
        drawTime();
        drawMonths();
        drawSources();
        drawLeaders();
        drawTiles();
        drawBottleneck();
    }

    private String stageName(String en, String zh) {
        return Texts.pick(getLocale(), en, zh);
    }

    private String money(BigDecimal amount) {
        return Formats.compactMoney(amount, funnel.currency(), getLocale());
    }

    private static String percent(Optional<BigDecimal> rate) {
        return rate.map(r -> r.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP) + " %").orElse("–");
    }

    private void drawFunnel() {
        List<ChartOptions.Item> levels = new ArrayList<>();
        funnel.stages().forEach(l -> levels.add(new ChartOptions.Item(stageName(l.nameEn(), l.nameZh()),
                BigDecimal.valueOf(l.count()))));
        levels.add(new ChartOptions.Item(getTranslation("report.funnel.won"),
                BigDecimal.valueOf(funnel.won().count())));
        funnelChart.setOption(ChartOptions.funnel(levels));
    }

    private void drawConversion() {
        List<String> names = conversion.stages().stream().map(s -> stageName(s.nameEn(), s.nameZh())).toList();
        List<BigDecimal> rates = conversion.stages().stream()
                .map(s -> s.conversion().map(r -> r.movePointRight(2)).orElse(null)).toList();
        long marked = conversion.bottleneck().map(ConversionReport.Bottleneck::stageId).orElse(-1L);
        int markedIndex = -1;
        for (int i = 0; i < conversion.stages().size(); i++) {
            if (conversion.stages().get(i).stageId() == marked) {
                markedIndex = i;
            }
        }
        conversionChart.setOption(ChartOptions.bars(names, List.of(
                Series.bars(getTranslation("report.conversion.percent"), rates, ChartOptions.ACCENT)), false,
                markedIndex));
    }

    private void drawTime() {
        List<String> names = time.stages().stream().map(s -> stageName(s.nameEn(), s.nameZh())).toList();
        timeChart.setOption(ChartOptions.bars(names, List.of(
                Series.bars(getTranslation("report.days.mean"),
                        time.stages().stream().map(s -> s.meanDays().orElse(null)).toList(), ChartOptions.ACCENT),
                Series.bars(getTranslation("report.days.median"),
                        time.stages().stream().map(s -> s.medianDays().orElse(null)).toList(), ChartOptions.SECOND)),
                false));
    }

    private void drawMonths() {
        monthChart.setOption(ChartOptions.bars(months.groups().stream().map(WinRateReport.Group::label).toList(),
                List.of(Series.bars(getTranslation("report.average-won"), months.groups().stream()
                                .map(g -> g.averageWonAmount().orElse(null)).toList(), ChartOptions.ACCENT),
                        Series.lineOnSecondAxis(getTranslation("report.win-rate.percent"), months.groups().stream()
                                .map(g -> g.winRate().map(r -> r.movePointRight(2)).orElse(null)).toList(),
                                ChartOptions.SECOND)), false));
    }

    private void drawSources() {
        sourceChart.setOption(ChartOptions.bars(sources.groups().stream()
                        .map(g -> g.label() == null ? getTranslation("report.no-source") : g.label()).toList(),
                List.of(Series.bars(getTranslation("report.win-rate.percent"), sources.groups().stream()
                                .map(g -> g.winRate().map(r -> r.movePointRight(2)).orElse(null)).toList(),
                                ChartOptions.ACCENT),
                        Series.lineOnSecondAxis(getTranslation("report.average-won"), sources.groups().stream()
                                .map(g -> g.averageWonAmount().orElse(null)).toList(), ChartOptions.SECOND)),
                false));
    }

    private void drawLeaders() {
        List<WinRateReport.Group> top = leaders.groups().stream().limit(LEADERBOARD_SIZE).toList();
        leaders = new WinRateReport(leaders.groupBy(), leaders.currency(), top, leaders.total());
        leaderChart.setOption(ChartOptions.bars(top.stream().map(WinRateReport.Group::label).toList(),
                List.of(Series.bars(getTranslation("report.won-amount"),
                        top.stream().map(WinRateReport.Group::wonAmount).toList(), ChartOptions.WON_COLOUR)), true));
    }

    private void drawTiles() {
        WinRateReport.Group total = months.total();
        tiles.removeAll();
        // won deals closed in the period, beside their amount: the funnel's won level counts a different set
        // (deals created in the period that were won), and one figure next to the other must not read as a clash
        tiles.add(tile("report.won-amount", getTranslation("report.won-amount.deals", money(total.wonAmount()),
                        total.won())),
                tile("report.win-rate", percent(total.winRate())),
                tile("report.average-won", total.averageWonAmount().map(this::money).orElse("–")),
                tile("report.cycle.median", cycle.won().medianDays()
                        .map(d -> getTranslation("report.days", d.stripTrailingZeros().toPlainString())).orElse("–")),
                tile("report.velocity", cycle.velocityPerDay()
                        .map(v -> getTranslation("report.per-day", money(v))).orElse("–")),
                tile("report.open-deals", String.valueOf(cycle.openDeals())));
    }

    private Component tile(String labelKey, String value) {
        return new FigureTile(getTranslation(labelKey), value);
    }

    private void drawBottleneck() {
        bottleneck.setVisible(conversion.bottleneck().isPresent());
        conversion.bottleneck().ifPresent(b -> bottleneck.setText(b.earlierConversion().isPresent()
                ? getTranslation("report.bottleneck", stageName(b.nameEn(), b.nameZh()),
                        percent(Optional.of(b.conversion())), b.entered(), percent(b.earlierConversion()),
                        b.earlierEntered())
                : getTranslation("report.bottleneck.lowest", stageName(b.nameEn(), b.nameZh()),
                        percent(Optional.of(b.conversion())), b.entered())));
    }

    private void drill(DrillDown drill, String what) {
        new DealsDialog(reports, filters.value(), drill, what).open();
    }

    private List<List<String>> funnelRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(getTranslation("report.col.stage"), getTranslation("report.col.deals"),
                getTranslation("report.col.amount")));
        funnel.stages().forEach(l -> rows.add(List.of(stageName(l.nameEn(), l.nameZh()), String.valueOf(l.count()),
                l.amount().toPlainString())));
        rows.add(List.of(getTranslation("report.won"), String.valueOf(funnel.won().count()),
                funnel.won().amount().toPlainString()));
        return rows;
    }

    private List<List<String>> conversionRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(getTranslation("report.col.stage"), getTranslation("report.col.entered"),
                getTranslation("report.col.advanced"), getTranslation("report.col.still-open"),
                getTranslation("report.col.lost"), getTranslation("report.col.conversion")));
        for (StageConversion s : conversion.stages()) {
            rows.add(List.of(stageName(s.nameEn(), s.nameZh()), String.valueOf(s.entered()),
                    String.valueOf(s.advanced()), String.valueOf(s.stillOpen()), String.valueOf(s.lost()),
                    s.conversion().map(BigDecimal::toPlainString).orElse("")));
        }
        return rows;
    }

    private List<List<String>> timeRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(getTranslation("report.col.stage"), getTranslation("report.col.stays"),
                getTranslation("report.days.mean"), getTranslation("report.days.median"),
                getTranslation("report.col.current")));
        time.stages().forEach(s -> rows.add(List.of(stageName(s.nameEn(), s.nameZh()), String.valueOf(s.stays()),
                s.meanDays().map(BigDecimal::toPlainString).orElse(""),
                s.medianDays().map(BigDecimal::toPlainString).orElse(""), String.valueOf(s.current()))));
        return rows;
    }

    private List<List<String>> groupRows(WinRateReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(getTranslation("report.col.group"), getTranslation("report.col.won"),
                getTranslation("report.col.lost"), getTranslation("report.win-rate"),
                getTranslation("report.won-amount"), getTranslation("report.average-won")));
        report.groups().forEach(g -> rows.add(List.of(g.label() == null ? "" : g.label(), String.valueOf(g.won()),
                String.valueOf(g.lost()), g.winRate().map(BigDecimal::toPlainString).orElse(""),
                g.wonAmount().toPlainString(), g.averageWonAmount().map(BigDecimal::toPlainString).orElse(""))));
        return rows;
    }

    /** The first row of a card's table is its header; the export writes it as the columns. */
    private static List<ExportColumn<List<String>>> columns(List<List<String>> table) {
        List<ExportColumn<List<String>>> columns = new ArrayList<>();
        List<String> header = table.get(0);
        for (int i = 0; i < header.size(); i++) {
            int index = i;
            columns.add(new ExportColumn<>(header.get(i), row -> row.get(index)));
        }
        return columns;
    }

    private static List<List<String>> body(List<List<String>> table) {
        return table.subList(1, table.size());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.reports") + " · " + getTranslation("app.name");
    }
}
