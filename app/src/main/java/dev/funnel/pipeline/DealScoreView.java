package dev.funnel.pipeline;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One scorer's verdict on a deal, in the reader's language.
 *
 * @param probability how likely the deal is to be won (0-1), or null when the scorer gave no verdict
 * @param primary     whether this scorer's probability is the one the deal shows everywhere
 * @param failure     why there is no verdict, for administrators; null for everyone else and when there is one
 */
public record DealScoreView(String scorerId, String scorerName, BigDecimal probability, String grade,
                            List<Factor> factors, String modelVersion, OffsetDateTime computedAt, boolean primary,
                            String failure) {

    public DealScoreView {
        factors = List.copyOf(factors);
    }

    /** Whether the scorer gave no verdict. */
    @com.fasterxml.jackson.annotation.JsonProperty("unavailable")
    public boolean unavailable() {
        return probability == null;
    }

    /**
     * One reason for the score.
     *
     * @param contribution signed: positive raises the probability; compare only with the same verdict's others
     */
    public record Factor(String key, double contribution, String text) {
    }
}
