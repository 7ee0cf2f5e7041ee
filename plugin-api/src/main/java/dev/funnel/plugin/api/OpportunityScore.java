package dev.funnel.plugin.api;

/**
 * A scorer's verdict on an opportunity.
 *
 * @param score 0 (cold) to 100 (hot)
 * @param explanation why, in a sentence the owner can act on
 * @since 1.0.0
 */
public record OpportunityScore(int score, LocalizedText explanation) {

    /** @since 1.0.0 */
    public OpportunityScore {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("OpportunityScore.score must be 0..100, was " + score);
        }
    }
}
