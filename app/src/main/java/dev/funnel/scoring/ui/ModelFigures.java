package dev.funnel.scoring.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import dev.funnel.plugin.api.ModelReport;
import dev.funnel.platform.ui.EChart;
import dev.funnel.platform.Formats;
import dev.funnel.scoring.ScorerStatus;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a learning scorer's model did on the most recent closed deals it never saw: what was done, AUC and Brier
 * score beside the stages' own probabilities, and the reliability table and chart (predicted against won).
 */
public class ModelFigures extends Div {

    final Grid<FigureRow> figures = new Grid<>();
    final Grid<ModelReport.ReliabilityBin> reliability = new Grid<>();
    final EChart chart = new EChart();

    /** One line of the figures table: a measure for the model and for the baseline. */
    record FigureRow(String measure, String model, String baseline) {
    }

    public ModelFigures(ScorerStatus.Model model, Locale locale) {
        addClassName("funnel-model-figures");
        ModelReport report = model.report();
        add(new Paragraph(report.summary().in(locale)));
        add(new Paragraph(getTranslation("scoring.model.trained", Formats.dateTime(model.trainedAt(),
                ZoneId.systemDefault(), locale), report.closedDeals(), report.trainedOn(), report.testedOn(),
                model.version())));
        if (report.fallback()) {
            Paragraph fallback = new Paragraph(getTranslation("scoring.model.fallback"));
            fallback.addClassName("funnel-model-fallback");
            add(fallback);
        }
        if (report.model() == null) {
            add(new Paragraph(getTranslation("scoring.model.untested")));
            return;
        }
        figures.addColumn(FigureRow::measure).setHeader(getTranslation("scoring.figures.measure"));
        figures.addColumn(FigureRow::model).setHeader(getTranslation("scoring.figures.model"));
        figures.addColumn(FigureRow::baseline).setHeader(getTranslation("scoring.figures.baseline"));
        ModelReport.Quality baseline = report.baseline();
        figures.setItems(List.of(
                new FigureRow(getTranslation("scoring.figures.auc"), number(report.model().auc()),
                        baseline == null ? "—" : number(baseline.auc())),
                new FigureRow(getTranslation("scoring.figures.brier"), number(report.model().brier()),
                        baseline == null ? "—" : number(baseline.brier()))));
        figures.setAllRowsVisible(true);
        figures.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        figures.addClassName("funnel-model-figures-table");
        add(new H4(getTranslation("scoring.figures.title")), figures,
                new Paragraph(getTranslation("scoring.figures.explained")));

        reliability.addColumn(bin -> percent(bin.from()) + "–" + percent(bin.to()))
                .setHeader(getTranslation("scoring.reliability.bin"));
        reliability.addColumn(ModelReport.ReliabilityBin::deals).setHeader(getTranslation("scoring.reliability.deals"));
        reliability.addColumn(bin -> bin.deals() == 0 ? "—" : percent(bin.meanPredicted()))
                .setHeader(getTranslation("scoring.reliability.predicted"));
        reliability.addColumn(bin -> bin.deals() == 0 ? "—" : percent(bin.observedWinRate()))
                .setHeader(getTranslation("scoring.reliability.observed"));
        reliability.setItems(report.model().reliability());
        reliability.setAllRowsVisible(true);
        reliability.addThemeVariants(GridVariant.LUMO_COMPACT);
        reliability.addClassName("funnel-reliability-table");
        chart.setHeight("320px");
        chart.addClassName("funnel-reliability-chart");
        chart.setOption(reliabilityChart(report));
        add(new H4(getTranslation("scoring.reliability.title")), chart, reliability);
    }

    /** Predicted against observed per bin, for the model and the baseline, with the diagonal of perfection. */
    String reliabilityChart(ModelReport report) {
        ObjectNode option = JsonNodeFactory.instance.objectNode();
        option.put("animation", false);
        option.putObject("textStyle").put("fontFamily", "inherit");
        option.putObject("tooltip").put("trigger", "item");
        option.putObject("grid").put("left", 8).put("right", 24).put("top", 40).put("bottom", 24)
                .put("containLabel", true);
        String modelName = getTranslation("scoring.figures.model");
        String baselineName = getTranslation("scoring.figures.baseline");
        String perfectName = getTranslation("scoring.reliability.perfect");
        ArrayNode legend = option.putObject("legend").put("top", 0).putArray("data");
        legend.add(modelName);
        legend.add(baselineName);
        legend.add(perfectName);
        axis(option.putObject("xAxis"), getTranslation("scoring.reliability.predicted"), 28);
        axis(option.putObject("yAxis"), getTranslation("scoring.reliability.observed"), 40);
        ArrayNode series = option.putArray("series");
        points(series.addObject(), modelName, report.model().reliability(), "#1677ff");
        if (report.baseline() != null) {
            points(series.addObject(), baselineName, report.baseline().reliability(), "#faad14");
        }
        ObjectNode perfect = series.addObject().put("name", perfectName).put("type", "line")
                .put("symbol", "none").put("silent", true);
        perfect.putObject("lineStyle").put("type", "dashed").put("color", "#8c8c8c");
        ArrayNode diagonal = perfect.putArray("data");
        diagonal.addArray().add(0).add(0);
        diagonal.addArray().add(1).add(1);
        return option.toString();
    }

    private static void axis(ObjectNode axis, String name, int gap) {
        axis.put("type", "value").put("min", 0).put("max", 1).put("name", name).put("nameLocation", "middle")
                .put("nameGap", gap);
        axis.putObject("axisLabel").put("formatter", "{value}");
    }

    private static void points(ObjectNode series, String name, List<ModelReport.ReliabilityBin> bins,
                               String colour) {
        series.put("name", name).put("type", "line").put("color", colour).put("symbolSize", 8);
        ArrayNode data = series.putArray("data");
        List<ModelReport.ReliabilityBin> filled = new ArrayList<>(bins);
        filled.removeIf(bin -> bin.deals() == 0);
        for (ModelReport.ReliabilityBin bin : filled) {
            data.addArray().add(round(bin.meanPredicted())).add(round(bin.observedWinRate())).add(bin.deals());
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
