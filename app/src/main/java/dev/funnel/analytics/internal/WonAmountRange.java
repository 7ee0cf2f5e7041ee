package dev.funnel.analytics.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The distribution of what open deals will add to the won amount when each is won with its own probability,
 * independently: its P10, P50 and P90. Exact (every combination of outcomes, with its probability) for up to
 * {@value #EXACT_UP_TO} deals; above that, by simulation with a fixed seed, so the same deals always give the
 * same range.
 */
public final class WonAmountRange {

    static final int EXACT_UP_TO = 16;
    static final int DRAWS = 20_000;
    private static final long SEED = 0x5EED_F0CA5L;

    /** A deal's amount in cents and its probability of being won. */
    public record Deal(long cents, double probability) {
    }

    /** The quantiles in cents, and whether they are exact. */
    public record Range(long p10, long p50, long p90, boolean exact) {
    }

    private WonAmountRange() {
    }

    public static Range of(List<Deal> deals) {
        List<Deal> uncertain = new ArrayList<>();
        long certain = 0;
        for (Deal deal : deals) {
            if (deal.probability() >= 1) {
                certain += deal.cents();
            } else if (deal.probability() > 0 && deal.cents() != 0) {
                uncertain.add(deal);
            }
        }
        Range range = uncertain.size() <= EXACT_UP_TO ? exact(uncertain) : simulated(uncertain);
        return new Range(range.p10() + certain, range.p50() + certain, range.p90() + certain, range.exact());
    }

    /** Every combination of won and lost, each with its probability, sorted by amount. */
    private static Range exact(List<Deal> deals) {
        int outcomes = 1 << deals.size();
        long[] amounts = new long[outcomes];
        double[] chances = new double[outcomes];
        for (int mask = 0; mask < outcomes; mask++) {
            long amount = 0;
            double chance = 1;
            for (int i = 0; i < deals.size(); i++) {
                Deal deal = deals.get(i);
                if ((mask & (1 << i)) != 0) {
                    amount += deal.cents();
                    chance *= deal.probability();
                } else {
                    chance *= 1 - deal.probability();
                }
            }
            amounts[mask] = amount;
            chances[mask] = chance;
        }
        Integer[] order = new Integer[outcomes];
        for (int i = 0; i < outcomes; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> amounts[i]));
        return new Range(quantile(order, amounts, chances, 0.1), quantile(order, amounts, chances, 0.5),
                quantile(order, amounts, chances, 0.9), true);
    }

    /** The smallest amount whose cumulative probability reaches q (a little slack for rounding in the sums). */
    private static long quantile(Integer[] order, long[] amounts, double[] chances, double q) {
        double cumulative = 0;
        for (Integer outcome : order) {
            cumulative += chances[outcome];
            if (cumulative >= q - 1e-12) {
                return amounts[outcome];
            }
        }
        return amounts[order[order.length - 1]];
    }

    private static Range simulated(List<Deal> deals) {
        SplittableRandom random = new SplittableRandom(SEED);
        long[] totals = new long[DRAWS];
        for (int draw = 0; draw < DRAWS; draw++) {
            long total = 0;
            for (Deal deal : deals) {
                if (random.nextDouble() < deal.probability()) {
                    total += deal.cents();
                }
            }
            totals[draw] = total;
        }
        Arrays.sort(totals);
        return new Range(at(totals, 0.1), at(totals, 0.5), at(totals, 0.9), false);
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
