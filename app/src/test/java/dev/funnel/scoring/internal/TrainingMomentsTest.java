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
    void beyond_the_cap_a_deal_gives_the_same_few_of_its_weeks_every_time_in_order() {
        List<Instant> mondays = ScoringRun.mondaysBetween(Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-12-31T00:00:00Z"), SHANGHAI);
        List<Instant> some = ScoringRun.someOf(mondays, 3, 1_234_567L);

        assertThat(some).hasSize(3).isSorted().isSubsetOf(mondays);
        assertThat(ScoringRun.someOf(mondays, 3, 1_234_567L)).isEqualTo(some);
        assertThat(ScoringRun.someOf(mondays, 3, 7_654_321L)).as("another deal, other weeks").isNotEqualTo(some);
        assertThat(ScoringRun.someOf(mondays.subList(0, 2), 3, 1L)).containsExactlyElementsOf(mondays.subList(0, 2));
    }
}
