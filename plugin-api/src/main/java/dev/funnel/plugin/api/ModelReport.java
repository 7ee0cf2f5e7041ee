package dev.funnel.plugin.api;

import java.util.List;
import java.util.Objects;

/**
 * How a trained model did, in the figures administrators see on the scorer's page.
 *
 * @param closedDeals how many closed deals the host offered
 * @param trainedOn   how many of them the model was trained on (the older ones)
 * @param testedOn    how many it was tested on (the most recent, never seen in training)
 * @param fallback    whether there were too few closed deals to train, so the model is each stage's historical
 *                    win rate
 * @param summary     one or two sentences on what was done, in both languages
 * @param model       the model's figures on the test deals, or {@code null} when there were none
 * @param baseline    the same figures for the stages' own win probabilities on the same deals, or {@code null}
 * @since 1.4.0
 */
public record ModelReport(int closedDeals, int trainedOn, int testedOn, boolean fallback, LocalizedText summary,
                          Quality model, Quality baseline) {

    /** @since 1.4.0 */
    public ModelReport {
        Objects.requireNonNull(summary, "summary");
    }

    /**
     * How well probabilities matched outcomes on a set of deals.
     *
     * @param auc         the area under the ROC curve: the chance that a won deal was scored above a lost one
     * @param brier       the mean squared gap between probability and outcome (0 is perfect, lower is better)
     * @param reliability the deals in ten bins of probability, each with how often they were won
     * @since 1.4.0
     */
    public record Quality(double auc, double brier, List<ReliabilityBin> reliability) {

        /** @since 1.4.0 */
        public Quality {
            reliability = List.copyOf(reliability);
        }
    }

    /**
     * One bin of a reliability table: the deals whose probability was in {@code [from, to)}.
     *
     * @param deals          how many deals fell in it
     * @param meanPredicted  their mean probability
     * @param observedWinRate the share of them that were won
     * @since 1.4.0
     */
    public record ReliabilityBin(double from, double to, int deals, double meanPredicted, double observedWinRate) {
    }
}
