package dev.funnel.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.analytics.internal.ConversionPieces.Piece;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ConversionPiecesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @Test
    void a_year_up_to_today_reads_its_last_month_whole_less_the_days_still_to_come() {
        assertThat(ConversionPieces.of(LocalDate.of(2025, 11, 28), TODAY, TODAY)).containsExactlyInAnyOrder(
                new Piece(false, LocalDate.of(2025, 11, 28), LocalDate.of(2025, 11, 30), 1),
                new Piece(true, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), 1),
                new Piece(false, LocalDate.of(2026, 11, 28), LocalDate.of(2026, 11, 30), -1),
                new Piece(true, LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 1), 1));
    }

    @Test
    void whole_months_are_read_from_the_summary_alone() {
        assertThat(ConversionPieces.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), TODAY))
                .containsExactly(new Piece(true, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1), 1));
        assertThat(ConversionPieces.of(null, null, TODAY)).containsExactly(new Piece(true, null, null, 1));
    }

    @Test
    void part_of_a_month_is_read_as_its_days_or_as_the_month_less_the_others_whichever_is_fewer() {
        // 16 days in, 15 out: the month less days 1-4 and 21-31
        assertThat(ConversionPieces.of(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 20), TODAY))
                .containsExactly(new Piece(true, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), 1),
                        new Piece(false, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 4), -1),
                        new Piece(false, LocalDate.of(2026, 3, 21), LocalDate.of(2026, 3, 31), -1));
        // 15 days in, 16 out: the days
        assertThat(ConversionPieces.of(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 19), TODAY))
                .containsExactly(new Piece(false, LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 19), 1));
    }

    @Test
    void an_open_start_reads_every_month_before_the_last() {
        assertThat(ConversionPieces.of(null, LocalDate.of(2026, 3, 10), TODAY)).containsExactlyInAnyOrder(
                new Piece(false, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 10), 1),
                new Piece(true, null, LocalDate.of(2026, 3, 1), 1));
    }
}
