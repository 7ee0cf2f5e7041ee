package dev.funnel.analytics;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/** The periods targets and forecast snapshots are kept for. */
public enum PeriodKind {
    MONTH,
    QUARTER;

    /** The first day of the period that holds the date. */
    public LocalDate start(LocalDate date) {
        return this == MONTH ? date.withDayOfMonth(1) : date.with(IsoFields.DAY_OF_QUARTER, 1);
    }

    /** The last day of the period that starts on the given day. */
    public LocalDate end(LocalDate start) {
        return start.plusMonths(this == MONTH ? 1 : 3).minusDays(1);
    }

    public boolean isStart(LocalDate date) {
        return start(date).equals(date);
    }

    /** {@code 2026-11} or {@code 2026-Q4}. */
    public String label(LocalDate start) {
        return this == MONTH ? start.toString().substring(0, 7)
                : start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
    }
}
