package dev.funnel.plugins.winprobability;

import dev.funnel.plugin.api.ModelReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** How well probabilities matched outcomes: the figures administrators see for the model and the baseline. */
final class Figures {

    static final int BINS = 10;

    private Figures() {
    }

    /** AUC, Brier score and the ten-bin reliability table, or {@code null} unless both outcomes occur. */
    static ModelReport.Quality of(double[] probabilities, boolean[] won) {
        int wins = 0;
        for (boolean w : won) {
            wins += w ? 1 : 0;
        }
        if (wins == 0 || wins == won.length) {
            return null;
        }
        return new ModelReport.Quality(auc(probabilities, won), brier(probabilities, won),
                reliability(probabilities, won));
    }

    /**
     * The chance that a won deal got a higher probability than a lost one, ties counting half: the Mann–Whitney
     * statistic over ranks (average ranks for ties).
     */
    static double auc(double[] probabilities, boolean[] won) {
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i]));
        double wonRankSum = 0;
        long wins = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && probabilities[order[end + 1]] == probabilities[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (won[order[k]]) {
                    wonRankSum += rank;
                    wins++;
                }
            }
            start = end + 1;
        }
        long losses = probabilities.length - wins;
        return (wonRankSum - wins * (wins + 1) / 2.0) / ((double) wins * losses);
    }

    static double brier(double[] probabilities, boolean[] won) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double gap = probabilities[i] - (won[i] ? 1 : 0);
            sum += gap * gap;
        }
        return sum / probabilities.length;
    }

    /** Ten bins of width 0.1; the last includes 1.0. Empty bins are kept, with zero deals. */
    static List<ModelReport.ReliabilityBin> reliability(double[] probabilities, boolean[] won) {
        int[] deals = new int[BINS];
        double[] predicted = new double[BINS];
        int[] wins = new int[BINS];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(BINS - 1, (int) Math.floor(probabilities[i] * BINS));
            deals[bin]++;
            predicted[bin] += probabilities[i];
            wins[bin] += won[i] ? 1 : 0;
        }
        List<ModelReport.ReliabilityBin> bins = new ArrayList<>();
        for (int bin = 0; bin < BINS; bin++) {
            bins.add(new ModelReport.ReliabilityBin(bin / (double) BINS, (bin + 1) / (double) BINS, deals[bin],
                    deals[bin] == 0 ? 0 : predicted[bin] / deals[bin],
                    deals[bin] == 0 ? 0 : wins[bin] / (double) deals[bin]));
        }
        return bins;
    }

    /** The gap between predicted and observed, averaged over the bins weighted by their deals. */
    static double calibrationError(List<ModelReport.ReliabilityBin> bins) {
        int total = bins.stream().mapToInt(ModelReport.ReliabilityBin::deals).sum();
        return bins.stream().mapToDouble(b -> b.deals() * Math.abs(b.meanPredicted() - b.observedWinRate()))
                .sum() / total;
    }
}
