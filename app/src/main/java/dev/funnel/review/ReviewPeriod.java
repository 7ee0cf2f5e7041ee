package dev.funnel.review;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** How long the period a review looks at is: an ISO week (Monday to Sunday) or a calendar month. */
public enum ReviewPeriod {
    WEEK,
    MONTH;

    /** The first day of the period holding {@code day}. */
    public LocalDate start(LocalDate day) {
        return this == WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
    }

    public LocalDate end(LocalDate start) {
        return this == WEEK ? start.plusDays(6) : start.plusMonths(1).minusDays(1);
    }

    /** The first day of the period before the one starting on {@code start}. */
    public LocalDate previous(LocalDate start) {
        return this == WEEK ? start.minusWeeks(1) : start.minusMonths(1);
    }

    public boolean isStart(LocalDate day) {
        return start(day).equals(day);
    }
}
