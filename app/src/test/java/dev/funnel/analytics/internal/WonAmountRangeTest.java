package dev.funnel.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The range of the won amount, against distributions worked out by hand. */
class WonAmountRangeTest {

    @Test
    void two_deals_give_four_outcomes_whose_quantiles_are_read_off_by_hand() {
        // 1,000.00 at 15% and 2,000.00 at 25%:
        // nothing won 0.85 × 0.75 = 0.6375; only the first 0.15 × 0.75 = 0.1125 (cumulative 0.75);
        // only the second 0.85 × 0.25 = 0.2125 (0.9625); both 0.0375 (1)
        WonAmountRange.Range range = WonAmountRange.of(List.of(new WonAmountRange.Deal(100_000, 0.15),
                new WonAmountRange.Deal(200_000, 0.25)));
        assertThat(range.method()).isEqualTo(WonAmountRange.Method.EXACT);
        assertThat(range.p10()).isZero();
        assertThat(range.p50()).isZero();
        assertThat(range.p90()).isEqualTo(200_000);
    }

    @Test
    void three_even_chances_put_the_median_on_the_middle_outcome() {
        // 100, 200, 400 at 50% each: eight outcomes of 1/8 in order 0, 100, 200, 300, 400, 500, 600, 700
        WonAmountRange.Range range = WonAmountRange.of(List.of(new WonAmountRange.Deal(100, 0.5),
                new WonAmountRange.Deal(200, 0.5), new WonAmountRange.Deal(400, 0.5)));
        assertThat(range.p10()).isZero();          // 1/8 ≥ 0.1
        assertThat(range.p50()).isEqualTo(300);    // 4/8 ≥ 0.5
        assertThat(range.p90()).isEqualTo(700);    // 7/8 < 0.9 ≤ 8/8
    }

    @Test
    void a_certain_deal_adds_its_amount_and_a_hopeless_one_nothing() {
        WonAmountRange.Range range = WonAmountRange.of(List.of(new WonAmountRange.Deal(5_000, 1.0),
                new WonAmountRange.Deal(9_999, 0.0), new WonAmountRange.Deal(100, 0.5)));
        assertThat(range.p10()).isEqualTo(5_000);
        assertThat(range.p90()).isEqualTo(5_100);
    }

    @Test
    void many_deals_are_simulated_close_to_the_normal_approximation_and_the_same_every_time() {
        // 400 deals of 1,000 at 30%: mean 120,000, standard deviation 1,000 × √(400 × 0.3 × 0.7) ≈ 9,165
        List<WonAmountRange.Deal> deals = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            deals.add(new WonAmountRange.Deal(1_000, 0.3));
        }
        WonAmountRange.Range range = WonAmountRange.of(deals);
        assertThat(range.method()).isEqualTo(WonAmountRange.Method.SIMULATED);
        assertThat(range.p50()).isBetween(118_000L, 122_000L);
        assertThat(range.p10()).isBetween(106_000L, 110_000L);   // 120,000 − 1.2816 × 9,165 ≈ 108,254
        assertThat(range.p90()).isBetween(130_000L, 134_000L);   // ≈ 131,746
        assertThat(WonAmountRange.of(deals)).isEqualTo(range);

        // the normal approximation of the same sum: mean 120,000, variance 400 × 1,000² × 0.3 × 0.7
        java.math.BigDecimal[] normal = WonAmountRange.normal(new java.math.BigDecimal("1200.00"),
                new java.math.BigDecimal("8400.0000"), new java.math.BigDecimal("4000.00"));
        assertThat(normal[0]).isEqualByComparingTo("1082.54");   // 1,200 − 1.2816 × 91.65 (units, not cents)
        assertThat(normal[1]).isEqualByComparingTo("1200.00");
        assertThat(normal[2]).isEqualByComparingTo("1317.46");
        assertThat(normal[0].movePointRight(2).longValue()).isBetween(range.p10() - 1_500, range.p10() + 1_500);
    }

    @Test
    void the_normal_range_never_goes_below_nothing_nor_above_every_deal_won() {
        java.math.BigDecimal[] normal = WonAmountRange.normal(new java.math.BigDecimal("10"),
                new java.math.BigDecimal("10000"), new java.math.BigDecimal("50"));
        assertThat(normal[0]).isEqualByComparingTo("0");
        assertThat(normal[2]).isEqualByComparingTo("50");
    }
}
