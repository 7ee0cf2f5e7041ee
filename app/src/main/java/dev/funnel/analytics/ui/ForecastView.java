package dev.funnel.analytics.ui;

import dev.funnel.platform.Texts;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.analytics.ForecastAccuracy;
import dev.funnel.analytics.ForecastReport;
import dev.funnel.analytics.PeriodKind;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ReportService;
import dev.funnel.analytics.ui.ChartOptions.Series;
import dev.funnel.platform.ExportColumn;
import dev.funnel.platform.ui.ExportMenu;
import dev.funnel.identity.Role;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.EChart;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The forecast of a month or quarter: closed won plus open deals weighted by probability, by forecast category;
 * each stage's configured probability beside the one history shows; and, for a period, how close each rep's
 * first weekly forecast came to what was won.
 */
@Route("forecast")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class ForecastView extends VerticalLayout implements HasDynamicTitle {

    private final ReportService reports;
    final PeriodPicker picker;
    final Select<Pipeline> pipeline = new Select<>();
    final Div tiles = new Div();
    final Div modelTiles = new Div();
    final Paragraph modelNote = new Paragraph();
    final EChart chart = new EChart();
    final Grid<ForecastReport.StageProbability> stages = new Grid<>();
    final Grid<ForecastAccuracy> accuracy = new Grid<>();
    private ForecastReport shown;

    public ForecastView(ReportService reports, PipelineService pipelines, Clock clock) {
        this.reports = reports;
        setSizeFull();
        LocalDate today = LocalDate.now(clock);
        picker = new PeriodPicker(today, 6, 3, this::refresh);
        pipeline.setLabel(getTranslation("report.filter.pipeline"));
        pipeline.setItems(pipelines.list());
        pipeline.setItemLabelGenerator(Pipeline::name);
        pipelines.defaultPipeline().ifPresent(pipeline::setValue);
        pipeline.addValueChangeListener(e -> refresh());
        tiles.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-l)");
        chart.setHeight("220px");
        // in a full-height column taller than a phone's screen, the chart would otherwise be squeezed to nothing
        chart.getStyle().set("flex-shrink", "0");

        stages.addThemeVariants(GridVariant.LUMO_COMPACT);
        stages.setAllRowsVisible(true);
        stages.addColumn(s -> Texts.pick(getLocale(), s.nameEn(), s.nameZh()))
                .setHeader(getTranslation("report.col.stage"));
        stages.addColumn(s -> s.configured() + " %").setHeader(getTranslation("forecast.configured"))
                .setTextAlign(ColumnTextAlign.END);
        stages.addColumn(s -> percent(s.historical())).setHeader(getTranslation("forecast.historical"))
                .setTextAlign(ColumnTextAlign.END);
        stages.addColumn(s -> getTranslation("forecast.won-of-closed", s.won(), s.closed()))
                .setHeader(getTranslation("forecast.basis"));

        accuracy.addThemeVariants(GridVariant.LUMO_COMPACT);
        accuracy.setAllRowsVisible(true);
        accuracy.addColumn(ForecastAccuracy::ownerName).setHeader(getTranslation("report.filter.rep"));
        accuracy.addColumn(a -> Formats.date(a.snapshotTakenOn(), getLocale()))
                .setHeader(getTranslation("forecast.snapshot-on"));
        accuracy.addColumn(a -> Formats.money(a.forecast(), reports.companyCurrency(), getLocale()))
                .setHeader(getTranslation("forecast.forecast")).setTextAlign(ColumnTextAlign.END);
        accuracy.addColumn(a -> Formats.money(a.actual(), reports.companyCurrency(), getLocale()))
                .setHeader(getTranslation("forecast.actual")).setTextAlign(ColumnTextAlign.END);
        accuracy.addColumn(a -> percent(a.accuracy())).setHeader(getTranslation("forecast.accuracy"))
                .setTextAlign(ColumnTextAlign.END);
        accuracy.addColumn(a -> a.modelForecast().map(m -> Formats.money(m, reports.companyCurrency(), getLocale()))
                .orElse("–")).setHeader(getTranslation("forecast.model.short")).setTextAlign(ColumnTextAlign.END);
        accuracy.addColumn(a -> percent(a.modelAccuracy())).setHeader(getTranslation("forecast.model.accuracy"))
                .setTextAlign(ColumnTextAlign.END);
        Span noSnapshot = new Span(getTranslation("forecast.no-snapshot"));
        noSnapshot.getStyle().set("color", "var(--lumo-secondary-text-color)");
        accuracy.getElement().appendChild(noSnapshot.getElement().setAttribute("slot", "empty-state"));

        Button png = new Button(
                getTranslation("report.png"), VaadinIcon.PICTURE.create(),
                e -> chart.downloadPng("forecast.png"));
        png.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        ExportMenu<List<String>> xlsx = new ExportMenu<>("forecast",
                this::exportColumns, page -> page.offset() == 0 ? exportRows() : List.of());
        HorizontalLayout bar = new HorizontalLayout(picker, pipeline, xlsx, png);
        bar.setAlignItems(Alignment.BASELINE);
        modelTiles.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-l)");
        modelTiles.setId("forecast-model");
        modelNote.addClassName("funnel-forecast-model-note");
        add(bar, tiles, heading("forecast.model.title"), modelTiles, modelNote, chart, heading("forecast.stages"), stages, heading("forecast.accuracy.title"), accuracy);
        picker.kind.setValue(PeriodKind.QUARTER);
    }

    private H3 heading(String key) {
        H3 heading = new H3(getTranslation(key));
        heading.getStyle().set("margin", "var(--lumo-space-s) 0 0").set("font-size", "var(--lumo-font-size-m)");
        return heading;
    }

    void refresh() {
        if (picker.kind() == null || picker.start() == null || pipeline.getValue() == null) {
            return;
        }
        LocalDate start = picker.start();
        ForecastReport forecast = reports.forecast(new ReportFilter(start, picker.kind().end(start),
                pipeline.getValue().id(), null, null, null, null, null));
        shown = forecast;
        tiles.removeAll();
        tiles.add(tile(getTranslation("forecast.closed-won"), money(forecast.closedWon(), forecast)));
        List<String> names = new ArrayList<>(List.of(getTranslation("forecast.closed-won")));
        List<BigDecimal> values = new ArrayList<>(List.of(forecast.closedWon()));
        for (ForecastReport.Category category : forecast.categories()) {
            String name = getTranslation("forecast.category." + category.category().name());
            tiles.add(tile(name, money(category.weighted(), forecast)));
            names.add(name);
            values.add(category.weighted());
        }
        tiles.add(tile(getTranslation("forecast.forecast"), money(forecast.forecast(), forecast)));
        modelTiles.removeAll();
        ForecastReport.ModelForecast model = forecast.model();
        if (model != null) {
            modelTiles.add(tile(getTranslation("forecast.model"), money(model.forecast(), forecast)));
            modelTiles.add(tile(getTranslation("forecast.range"), getTranslation("forecast.range.value",
                    money(model.p10(), forecast), money(model.p50(), forecast), money(model.p90(), forecast))));
            modelNote.setText(getTranslation("forecast.model.note." + model.method(), model.deals(),
                    model.unscored()));
        } else {
            modelNote.setText(getTranslation("forecast.model.none"));
        }
        chart.setOption(ChartOptions.bars(names, List.of(Series.bars(getTranslation("forecast.weighted"), values,
                ChartOptions.ACCENT)), true));
        stages.setItems(forecast.stages());
        accuracy.setItems(reports.forecastAccuracy(picker.kind(), start, null));
    }

    private List<ExportColumn<List<String>>> exportColumns() {
        List<String> headers = List.of(getTranslation("forecast.figure"), getTranslation("report.col.deals"),
                getTranslation("report.col.amount"), getTranslation("forecast.weighted"));
        List<ExportColumn<List<String>>> columns = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            int index = i;
            columns.add(new ExportColumn<>(headers.get(i), row -> row.get(index)));
        }
        return columns;
    }

    /** The figures as shown: closed won, each category, the forecast; then each stage's probabilities. */
    private List<List<String>> exportRows() {
        List<List<String>> rows = new ArrayList<>();
        if (shown == null) {
            return rows;
        }
        rows.add(List.of(getTranslation("forecast.closed-won"), String.valueOf(shown.wonDeals()),
                shown.closedWon().toPlainString(), shown.closedWon().toPlainString()));
        shown.categories().forEach(c -> rows.add(List.of(getTranslation("forecast.category." + c.category().name()),
                String.valueOf(c.deals()), c.amount().toPlainString(), c.weighted().toPlainString())));
        rows.add(List.of(getTranslation("forecast.forecast"), "", "", shown.forecast().toPlainString()));
        if (shown.model() != null) {
            ForecastReport.ModelForecast model = shown.model();
            rows.add(List.of(getTranslation("forecast.model"), String.valueOf(model.deals()), "",
                    model.forecast().toPlainString()));
            rows.add(List.of(getTranslation("forecast.p10"), "", "", model.p10().toPlainString()));
            rows.add(List.of(getTranslation("forecast.p50"), "", "", model.p50().toPlainString()));
            rows.add(List.of(getTranslation("forecast.p90"), "", "", model.p90().toPlainString()));
        }
        shown.stages().forEach(s -> rows.add(List.of(s.nameEn() + " / " + s.nameZh(), String.valueOf(s.closed()),
                s.configured() + " %", percent(s.historical()))));
        return rows;
    }

    private String money(BigDecimal amount, ForecastReport forecast) {
        return Formats.compactMoney(amount, forecast.currency(), getLocale());
    }

    private static String percent(Optional<BigDecimal> rate) {
        return rate.map(r -> r.movePointRight(2).setScale(1, RoundingMode.HALF_UP) + " %").orElse("–");
    }

    private Component tile(String label, String value) {
        return new FigureTile(label, value);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.forecast") + " · " + getTranslation("app.name");
    }
}
