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
 * {@value #EXACT_UP_TO} deals; up to {@value #SIMULATED_UP_TO}, by simulation with a fixed seed, so the same deals
 * always give the same range; beyond, by the normal approximation of the sum (the central limit theorem), which
 * costs nothing per deal and is close when no few deals dominate the amount.
 */
public final class WonAmountRange {

    static final int EXACT_UP_TO = 16;
    public static final int SIMULATED_UP_TO = 2_000;
    static final int DRAWS = 20_000;
    /** The standard normal distribution's 90th percentile. */
    private static final double Z90 = 1.2815515655446004;
    private static final long SEED = 0x5EED_F0CA5L;

    /** A deal's amount in cents and its probability of being won. */
    public record Deal(long cents, double probability) {
    }

    /** How a range was worked out. */
    public enum Method { EXACT, SIMULATED, NORMAL }

    /** The quantiles in cents, and how they were worked out. */
    public record Range(long p10, long p50, long p90, Method method) {
    }

    private WonAmountRange() {
    }

    /**
     * The range of up to {@value #SIMULATED_UP_TO} deals.
     *
     * @throws ArithmeticException when the amounts' sum does not fit in a long of cents
     */
    public static Range of(List<Deal> deals) {
        if (deals.size() > SIMULATED_UP_TO) {
            throw new IllegalArgumentException(deals.size() + " deals: use the normal approximation");
        }
        List<Deal> uncertain = new ArrayList<>();
        long certain = 0;
        for (Deal deal : deals) {
            if (deal.probability() >= 1) {
                certain = Math.addExact(certain, deal.cents());
            } else if (deal.probability() > 0 && deal.cents() != 0) {
                uncertain.add(deal);
            }
        }
        long total = certain;
        for (Deal deal : uncertain) {
            total = Math.addExact(total, deal.cents());
        }
        Range range = uncertain.size() <= EXACT_UP_TO ? exact(uncertain) : simulated(uncertain);
        return new Range(range.p10() + certain, range.p50() + certain, range.p90() + certain, range.method());
    }

    /**
     * The normal approximation from the sum's mean and variance (in the currency's units), never below nothing
     * nor above every deal won.
     */
    public static BigDecimal[] normal(BigDecimal mean, BigDecimal variance, BigDecimal all) {
        double deviation = Math.sqrt(Math.max(0, variance.doubleValue()));
        double centre = mean.doubleValue();
        double ceiling = all.doubleValue();
        return new BigDecimal[] {
            money(Math.max(0, centre - Z90 * deviation)), money(Math.max(0, Math.min(ceiling, centre))),
            money(Math.min(ceiling, centre + Z90 * deviation))};
    }

    private static BigDecimal money(double units) {
        return BigDecimal.valueOf(units).setScale(2, java.math.RoundingMode.HALF_UP);
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
                quantile(order, amounts, chances, 0.9), Method.EXACT);
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
        return new Range(at(totals, 0.1), at(totals, 0.5), at(totals, 0.9), Method.SIMULATED);
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
