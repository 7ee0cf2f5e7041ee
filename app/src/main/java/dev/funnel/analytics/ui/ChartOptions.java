package dev.funnel.analytics.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * ECharts option objects for the report cards, built as JSON trees so that names (a customer called
 * {@code "A & B"}) are always escaped. Colours: one accent for figures, the stage palette for stages.
 */
public final class ChartOptions {

    static final String ACCENT = "#1676f3";
    static final String SECOND = "#f59f00";
    /** Stage colours, the same order on the board and in every chart. */
    static final List<String> STAGE_COLOURS = List.of("#91caff", "#69b1ff", "#4096ff", "#1677ff", "#0958d9",
            "#003eb3", "#002c8c");
    static final String WON_COLOUR = "#389e0d";
    /** The bottleneck's bar: the one place the eye should go first. */
    static final String ALERT_COLOUR = "#cf1322";

    /** More categories than this do not fit side by side in a report card. */
    static final int MANY_CATEGORIES = 6;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ChartOptions() {
    }

    /** One funnel level: its name and value. */
    record Item(String name, BigDecimal value) {
    }

    /** A funnel, widest first, each level with its own colour; the last one is the won level. */
    static String funnel(List<Item> levels) {
        ObjectNode option = base();
        ObjectNode series = option.putArray("series").addObject();
        // labels beside the levels, not inside: the narrow levels at the bottom cannot hold '方案演示/POC: 12'
        series.put("type", "funnel").put("sort", "none").put("gap", 2).put("minSize", "8%")
                .put("left", "4%").put("width", "58%");
        series.putObject("label").put("position", "right").put("formatter", "{b}: {c}");
        series.putObject("labelLine").put("show", true).put("length", 8);
        ArrayNode data = series.putArray("data");
        for (int i = 0; i < levels.size(); i++) {
            Item level = levels.get(i);
            boolean won = i == levels.size() - 1;
            ObjectNode item = data.addObject().put("name", level.name());
            item.put("value", level.value());
            item.putObject("itemStyle").put("color", won ? WON_COLOUR : STAGE_COLOURS.get(i % STAGE_COLOURS.size()));
        }
        option.putObject("tooltip").put("trigger", "item").put("formatter", "{b}<br/>{c}");
        return option.toString();
    }

    /** Bars over categories, one series per list; each series may use its own axis (index 0 or 1). */
    static String bars(List<String> categories, List<Series> series, boolean horizontal) {
        return bars(categories, series, horizontal, -1);
    }

    /** The same with the first series' bar at {@code marked} (a category index; -1: none) in the alert colour. */
    static String bars(List<String> categories, List<Series> series, boolean horizontal, int marked) {
        ObjectNode option = base();
        option.putObject("tooltip").put("trigger", "axis");
        // containLabel: the grid makes room for wrapped category names instead of clipping them
        option.putObject("grid").put("left", 8).put("right", 24).put("top", 36).put("bottom", 8)
                .put("containLabel", true);
        if (series.size() > 1) {
            ArrayNode names = option.putObject("legend").put("top", 0).putArray("data");
            series.forEach(s -> names.add(s.name()));
        }
        ObjectNode categoryAxis = JSON.objectNode().put("type", "category");
        ArrayNode names = categoryAxis.putArray("data");
        categories.forEach(names::add);
        // every name shows, never dropped: a few (stages) wrap onto a second line when long ('方案演示/POC'); many
        // (13 months, lead sources) turn aslant, as side by side they would run into each other
        ObjectNode label = categoryAxis.putObject("axisLabel").put("interval", 0).put("fontSize", 11);
        if (horizontal) {
            label.put("width", 96).put("overflow", "truncate");
        } else if (categories.size() > MANY_CATEGORIES) {
            label.put("rotate", 40).put("width", 80).put("overflow", "truncate");
        } else {
            label.put("width", categories.size() <= 5 ? 72 : 60).put("overflow", "break");
        }
        ArrayNode valueAxes = JSON.arrayNode();
        valueAxes.add(valueAxis());
        if (series.stream().anyMatch(s -> s.axis() == 1)) {
            ObjectNode second = valueAxis();
            second.putObject("splitLine").put("show", false);
            valueAxes.add(second);
        }
        if (horizontal) {
            categoryAxis.put("inverse", true);
            option.set("yAxis", categoryAxis);
            option.set("xAxis", valueAxes);
        } else {
            option.set("xAxis", categoryAxis);
            option.set("yAxis", valueAxes);
        }
        ArrayNode all = option.putArray("series");
        for (int index = 0; index < series.size(); index++) {
            Series s = series.get(index);
            boolean first = index == 0;
            ObjectNode node = all.addObject().put("name", s.name()).put("type", s.line() ? "line" : "bar");
            if (s.axis() == 1) {
                node.put(horizontal ? "xAxisIndex" : "yAxisIndex", 1);
            }
            node.putObject("itemStyle").put("color", s.colour());
            ArrayNode data = node.putArray("data");
            for (int i = 0; i < s.values().size(); i++) {
                BigDecimal v = s.values().get(i);
                if (v == null) {
                    data.addNull();
                } else if (first && i == marked) {
                    data.addObject().put("value", v).putObject("itemStyle").put("color", ALERT_COLOUR);
                } else {
                    data.add(v);
                }
            }
        }
        return option.toString();
    }

    /** One step of a waterfall: a total (the first and the last) or a change, signed; its label as shown. */
    public record Step(String name, BigDecimal value, boolean total, String label) {
    }

    /**
     * A waterfall: the first total, each change floating from where the one before ended (rises green, falls red),
     * the last total. Drawn as two stacked bars, the lower one invisible. Changes that rise come before those that
     * fall, so no bar floats below zero.
     */
    public static String waterfall(List<Step> steps) {
        ObjectNode option = base();
        option.putObject("grid").put("left", 8).put("right", 24).put("top", 16).put("bottom", 8)
                .put("containLabel", true);
        ObjectNode categoryAxis = option.putObject("xAxis").put("type", "category");
        ArrayNode names = categoryAxis.putArray("data");
        steps.forEach(step -> names.add(step.name()));
        categoryAxis.putObject("axisLabel").put("interval", 0).put("fontSize", 11)
                .put("rotate", steps.size() > MANY_CATEGORIES ? 40 : 0).put("width", 90).put("overflow", "break");
        ObjectNode valueAxis = valueAxis();
        option.set("yAxis", valueAxis);
        ArrayNode series = option.putArray("series");
        ObjectNode base = series.addObject().put("name", "base").put("type", "bar").put("stack", "total")
                .put("silent", true);
        base.putObject("itemStyle").put("color", "transparent");
        ArrayNode baseData = base.putArray("data");
        ObjectNode shown = series.addObject().put("name", "value").put("type", "bar").put("stack", "total");
        shown.putObject("label").put("show", true).put("position", "top").put("fontSize", 10);
        ArrayNode shownData = shown.putArray("data");
        BigDecimal running = BigDecimal.ZERO;
        BigDecimal lowest = null;
        for (Step step : steps) {
            BigDecimal bottom;
            String colour;
            if (step.total()) {
                running = step.value();
                bottom = BigDecimal.ZERO;
                colour = ACCENT;
            } else if (step.value().signum() >= 0) {
                bottom = running;
                running = running.add(step.value());
                colour = WON_COLOUR;
            } else {
                running = running.add(step.value());
                bottom = running;
                colour = ALERT_COLOUR;
            }
            baseData.add(bottom);
            ObjectNode item = shownData.addObject().put("value", step.value().abs());
            item.putObject("itemStyle").put("color", colour);
            item.putObject("label").put("formatter", step.label());
            // how low the bar reaches: a total's top (it rises from 0), a change's bottom
            BigDecimal reach = step.total() ? running : bottom;
            lowest = lowest == null ? reach : lowest.min(reach);
        }
        // the changes are small beside the totals: the axis starts near the lowest level the bars reach, not at 0
        if (lowest != null && lowest.signum() > 0) {
            valueAxis.put("min", floor(lowest.multiply(new BigDecimal("0.8"))));
        }
        option.putObject("tooltip").put("trigger", "item").put("formatter", "{b}: {c}");
        return option.toString();
    }

    /** The value rounded down to its leading digit: 0.8 × 247,029,000 gives 100,000,000; 1,980 gives 1,000. */
    private static BigDecimal floor(BigDecimal value) {
        BigDecimal unit = BigDecimal.TEN.pow(Math.max(0, value.toBigInteger().toString().length() - 1));
        return value.divide(unit, 0, java.math.RoundingMode.FLOOR).multiply(unit);
    }

    /** A value axis with few ticks, so that long amounts (¥14,505,000) never run into each other. */
    private static ObjectNode valueAxis() {
        ObjectNode axis = JSON.objectNode().put("type", "value").put("splitNumber", 3);
        axis.putObject("axisLabel").put("hideOverlap", true);
        return axis;
    }

    /** One series of a bar chart: its name (legend), values per category, colour, axis, bar or line. */
    record Series(String name, List<BigDecimal> values, String colour, int axis, boolean line) {

        static Series bars(String name, List<BigDecimal> values, String colour) {
            return new Series(name, values, colour, 0, false);
        }

        static Series lineOnSecondAxis(String name, List<BigDecimal> values, String colour) {
            return new Series(name, values, colour, 1, true);
        }
    }

    private static ObjectNode base() {
        ObjectNode option = JSON.objectNode();
        option.put("animation", false);
        option.putObject("textStyle").put("fontFamily", "inherit");
        return option;
    }
}
