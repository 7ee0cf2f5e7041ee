package dev.funnel.pipeline;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One scorer's verdict on a deal, in the reader's language.
 *
 * @param probability how likely the deal is to be won (0-1) by the scorer's latest verdict, or null when it
 *                    never gave one
 * @param primary     whether this scorer's probability is the one the deal shows everywhere
 * @param unavailable whether the scorer's latest attempt failed: the figures, if any, are those of an earlier
 *                    verdict
 * @param failure     why, for administrators; null for everyone else and when the latest attempt succeeded
 */
public record DealScoreView(String scorerId, String scorerName, BigDecimal probability, String grade,
                            List<Factor> factors, String modelVersion, OffsetDateTime computedAt, boolean primary,
                            boolean unavailable, String failure) {

    public DealScoreView {
        factors = List.copyOf(factors);
    }

    /**
     * One reason for the score.
     *
     * @param contribution signed: positive raises the probability; compare only with the same verdict's others
     */
    public record Factor(String key, double contribution, String text) {
    }
}
