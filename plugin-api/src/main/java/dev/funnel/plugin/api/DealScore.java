package dev.funnel.plugin.api;

import java.util.List;
import java.util.Set;

/**
 * A scorer's verdict on a deal at the moment of its snapshot.
 *
 * @param winProbability how likely the deal is to be won, from 0 to 1; calibrated scorers mean it literally
 *                       (of deals scored 0.3, about three in ten are won)
 * @param grade          a grade A (hot) to D (cold), for scorers that grade; {@code null} otherwise
 * @param factors        why, the strongest first; may be empty
 * @since 1.4.0
 */
public record DealScore(double winProbability, String grade, List<ScoreFactor> factors) {

    /** The grades a scorer may give. @since 1.4.0 */
    public static final Set<String> GRADES = Set.of("A", "B", "C", "D");

    /** @since 1.4.0 */
    public DealScore {
        if (!(winProbability >= 0 && winProbability <= 1)) {
            throw new IllegalArgumentException("DealScore.winProbability must be between 0 and 1, was "
                    + winProbability);
        }
        if (grade != null && !GRADES.contains(grade)) {
            throw new IllegalArgumentException("DealScore.grade must be one of A, B, C, D, was " + grade);
        }
        factors = List.copyOf(factors);
    }
}
