package dev.funnel.scoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which moments of a closed deal's life become training examples. */
class TrainingMomentsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void every_monday_midnight_in_the_company_zone_strictly_inside_the_deals_life() {
        // Wednesday 2026-11-04 to Monday 2026-11-23 00:00 Shanghai: the 9th and the 16th, not the 23rd itself
        List<Instant> mondays = ScoringRun.mondaysBetween(Instant.parse("2026-11-04T02:00:00Z"),
                Instant.parse("2026-11-22T16:00:00Z"), SHANGHAI);
        assertThat(mondays).containsExactly(Instant.parse("2026-11-08T16:00:00Z"),
                Instant.parse("2026-11-15T16:00:00Z"));
    }

    @Test
    void beyond_the_cap_each_week_of_every_deal_is_drawn_alike_and_the_same_every_time() {
        List<Instant> mondays = ScoringRun.mondaysBetween(Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2025-12-31T00:00:00Z"), SHANGHAI);
        int drawnEarly = 0;
        int drawnLate = 0;
        for (long deal = 1_000_000; deal < 1_000_200; deal++) {
            for (int week = 0; week < mondays.size(); week++) {
                if (ScoringRun.drawn(deal, mondays.get(week), 0.25)) {
                    if (week < mondays.size() / 2) {
                        drawnEarly++;
                    } else {
                        drawnLate++;
                    }
                }
            }
        }
        int half = 200 * (mondays.size() / 2);
        // a quarter of each half of the deals' lives, within sampling noise: a long life is not thinned more
        assertThat(drawnEarly / (double) half).isBetween(0.23, 0.27);
        assertThat(drawnLate / (double) (200 * mondays.size() - half)).isBetween(0.23, 0.27);
        assertThat(ScoringRun.drawn(1_234_567L, mondays.get(3), 0.25))
                .isEqualTo(ScoringRun.drawn(1_234_567L, mondays.get(3), 0.25));
        assertThat(ScoringRun.drawn(7L, mondays.get(3), 1.0)).isTrue();
    }
}
