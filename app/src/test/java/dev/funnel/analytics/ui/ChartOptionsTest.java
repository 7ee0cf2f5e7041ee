package dev.funnel.analytics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.analytics.ui.ChartOptions.Series;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the report cards ask ECharts to draw: every stage name shown, labels that fit, the bottleneck marked. */
class ChartOptionsTest {

    final ObjectMapper json = new ObjectMapper();
    final List<String> stages = List.of("初步接洽", "需求确认", "方案演示/POC", "商务谈判", "合同审批");

    @Test
    void no_stage_name_is_dropped_for_lack_of_room_long_ones_wrap() throws Exception {
        JsonNode option = json.readTree(ChartOptions.bars(stages, List.of(Series.bars("转化率", values(), "#000")),
                false));
        JsonNode label = option.at("/xAxis/axisLabel");
        assertThat(label.get("interval").asInt()).isZero();
        assertThat(label.has("hideOverlap")).isFalse();
        assertThat(label.get("overflow").asText()).isEqualTo("break");
        assertThat(option.at("/grid/containLabel").asBoolean()).isTrue();
        assertThat(option.at("/xAxis/data")).extracting(JsonNode::asText).contains("方案演示/POC");
    }

    @Test
    void many_categories_turn_aslant_instead_of_running_into_each_other() throws Exception {
        List<String> months = java.util.stream.IntStream.rangeClosed(1, 13).mapToObj(m -> "2026-" + m).toList();
        JsonNode option = json.readTree(ChartOptions.bars(months, List.of(Series.bars("won",
                java.util.Collections.nCopies(13, BigDecimal.ONE), "#000")), false));
        assertThat(option.at("/xAxis/axisLabel/interval").asInt()).isZero();
        assertThat(option.at("/xAxis/axisLabel/rotate").asInt()).isEqualTo(40);
    }

    @Test
    void value_axes_keep_few_ticks_and_hide_any_that_would_overlap() throws Exception {
        JsonNode option = json.readTree(ChartOptions.bars(List.of("rep01"), List.of(Series.bars("won",
                List.of(new BigDecimal("14505000")), "#000")), true));
        assertThat(option.at("/xAxis/0/splitNumber").asInt()).isEqualTo(3);
        assertThat(option.at("/xAxis/0/axisLabel/hideOverlap").asBoolean()).isTrue();
    }

    @Test
    void funnel_labels_sit_beside_the_levels_where_narrow_ones_cannot_hold_them() throws Exception {
        JsonNode option = json.readTree(ChartOptions.funnel(List.of(new ChartOptions.Item("方案演示/POC",
                BigDecimal.TEN), new ChartOptions.Item("其中赢单", BigDecimal.ONE))));
        assertThat(option.at("/series/0/label/position").asText()).isEqualTo("right");
    }

    @Test
    void the_bottleneck_bar_is_drawn_in_the_alert_colour() throws Exception {
        JsonNode option = json.readTree(ChartOptions.bars(stages, List.of(Series.bars("转化率", values(), "#000")),
                false, 2));
        JsonNode data = option.at("/series/0/data");
        assertThat(data.get(2).at("/itemStyle/color").asText()).isEqualTo(ChartOptions.ALERT_COLOUR);
        assertThat(data.get(2).get("value").decimalValue()).isEqualByComparingTo("40");
        assertThat(data.get(1).isNumber()).isTrue();
    }

    private static List<BigDecimal> values() {
        return List.of(new BigDecimal("80"), new BigDecimal("60"), new BigDecimal("40"), new BigDecimal("70"),
                new BigDecimal("90"));
    }

    @Test
    void a_waterfall_floats_each_change_from_where_the_last_ended_and_starts_its_axis_near_the_lowest_level()
            throws Exception {
        JsonNode option = json.readTree(ChartOptions.waterfall(List.of(
                new ChartOptions.Step("start", new BigDecimal("1000"), true, "1000"),
                new ChartOptions.Step("created", new BigDecimal("550"), false, "+550"),
                new ChartOptions.Step("won", new BigDecimal("-400"), false, "-400"),
                new ChartOptions.Step("lost", new BigDecimal("-200"), false, "-200"),
                new ChartOptions.Step("end", new BigDecimal("950"), true, "950"))));

        // invisible bases: 0 under the totals, the level before a rise, the level after a fall
        assertThat(option.at("/series/0/data")).extracting(JsonNode::decimalValue)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(BigDecimal.ZERO,
                        new BigDecimal("1000"), new BigDecimal("1150"), new BigDecimal("950"), BigDecimal.ZERO);
        assertThat(option.at("/series/1/data/2/value").decimalValue()).isEqualByComparingTo("400");
        assertThat(option.at("/series/1/data/2/itemStyle/color").asText()).isEqualTo(ChartOptions.ALERT_COLOUR);
        assertThat(option.at("/series/1/data/1/label/formatter").asText()).isEqualTo("+550");
        // the lowest level is 950: the axis starts at 700 (0.8 x 950 = 760, down to its leading digit)
        assertThat(option.at("/yAxis/min").decimalValue()).isEqualByComparingTo("700");
    }
}
