package dev.funnel.analytics.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * How the conversion report reads a period: as whole months from the monthly summary plus single days from the
 * entries, added or taken away. A month the period covers only in part is read either as its days in the
 * period, or as the whole month less its days outside the period — whichever means fewer days of entries to read.
 * Days after today hold no entries yet and cost nothing, so a period that ends today reads its last month
 * whole: a year up to today is about twelve summary months and three days of entries, not a month of them.
 * Either way the sum is exact; only the cost differs.
 */
final class ConversionPieces {

    /**
     * Whole months [from, to) of the summary, or days [from, to] of the entries; {@code sign} +1 adds, -1 takes
     * away. A null bound is open.
     */
    record Piece(boolean months, LocalDate from, LocalDate to, int sign) {
    }

    private ConversionPieces() {
    }

    static List<Piece> of(LocalDate from, LocalDate to, LocalDate today) {
        List<Piece> pieces = new ArrayList<>();
        if (from != null && to != null && from.withDayOfMonth(1).equals(to.withDayOfMonth(1))) {
            partMonth(pieces, from, to, today);
            return pieces;
        }
        LocalDate wholeFrom = from;
        if (from != null && from.getDayOfMonth() != 1) {
            partMonth(pieces, from, endOfMonth(from), today);
            wholeFrom = from.withDayOfMonth(1).plusMonths(1);
        }
        LocalDate wholeTo = to == null ? null : to.plusDays(1);
        if (to != null && !to.equals(endOfMonth(to))) {
            partMonth(pieces, to.withDayOfMonth(1), to, today);
            wholeTo = to.withDayOfMonth(1);
        }
        if (wholeFrom == null || wholeTo == null || wholeFrom.isBefore(wholeTo)) {
            pieces.add(new Piece(true, wholeFrom, wholeTo, 1));
        }
        return pieces;
    }

    /** Days a to b of one month, read whichever way is cheaper. */
    private static void partMonth(List<Piece> pieces, LocalDate a, LocalDate b, LocalDate today) {
        LocalDate first = a.withDayOfMonth(1);
        LocalDate last = endOfMonth(a);
        long direct = daysWithEntries(a, b, today);
        long rest = daysWithEntries(first, a.minusDays(1), today) + daysWithEntries(b.plusDays(1), last, today);
        if (rest < direct) {
            pieces.add(new Piece(true, first, last.plusDays(1), 1));
            if (a.isAfter(first)) {
                pieces.add(new Piece(false, first, a.minusDays(1), -1));
            }
            if (b.isBefore(last)) {
                pieces.add(new Piece(false, b.plusDays(1), last, -1));
            }
        } else {
            pieces.add(new Piece(false, a, b, 1));
        }
    }

    /** Days a to b (inclusive) up to today: the days that can hold entries. */
    private static long daysWithEntries(LocalDate a, LocalDate b, LocalDate today) {
        LocalDate end = b.isAfter(today) ? today : b;
        return end.isBefore(a) ? 0 : end.toEpochDay() - a.toEpochDay() + 1;
    }

    private static LocalDate endOfMonth(LocalDate day) {
        return day.withDayOfMonth(day.lengthOfMonth());
    }
}
