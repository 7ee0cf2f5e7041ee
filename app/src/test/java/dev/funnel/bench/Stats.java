package dev.funnel.bench;

import java.util.Arrays;

/** Median and 95th percentile of a series of durations, in milliseconds. */
final class Stats {

    private final double[] sortedMillis;

    private Stats(double[] sortedMillis) {
        this.sortedMillis = sortedMillis;
    }

    static Stats of(long[] nanos) {
        double[] millis = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray();
        Arrays.sort(millis);
        return new Stats(millis);
    }

    int size() {
        return sortedMillis.length;
    }

    /** The middle value; the mean of the two middle ones for an even count. */
    double median() {
        int n = sortedMillis.length;
        return n % 2 == 1 ? sortedMillis[n / 2] : (sortedMillis[n / 2 - 1] + sortedMillis[n / 2]) / 2;
    }

    /** Nearest rank: the smallest value that at least 95% of the samples do not exceed. */
    double p95() {
        int rank = (int) Math.ceil(0.95 * sortedMillis.length);
        return sortedMillis[Math.max(rank, 1) - 1];
    }
}
