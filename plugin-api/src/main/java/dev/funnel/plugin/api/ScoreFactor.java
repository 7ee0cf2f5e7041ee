package dev.funnel.plugin.api;

import java.util.Objects;

/**
 * One reason for a score, as the deal page's "why this score" panel shows it.
 *
 * @param key          a stable name of the factor, for example {@code days_in_stage}
 * @param contribution how much it moved the score, signed: positive raises the win probability; in the
 *                     scorer's own unit (log-odds, points), compared only with the deal's other factors
 * @param text         the reason in a sentence the owner can act on, in both languages
 * @since 1.4.0
 */
public record ScoreFactor(String key, double contribution, LocalizedText text) {

    /** @since 1.4.0 */
    public ScoreFactor {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        if (!Double.isFinite(contribution)) {
            throw new IllegalArgumentException("ScoreFactor.contribution must be a finite number, was "
                    + contribution);
        }
    }
}
