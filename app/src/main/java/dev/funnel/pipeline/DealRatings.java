package dev.funnel.pipeline;

import dev.funnel.pipeline.internal.OpportunityRepository;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the scorers derived for deals, kept on the deals themselves: the primary scorer's win probability and,
 * while a grading scorer is on, the grade. For the scoring module's background work, not for views: it runs as
 * no one, writes no version (a rating is not an edit and must not make a rep's open form stale) and publishes
 * no event (a rating is not a change to score again).
 */
@Component
public class DealRatings {

    private final OpportunityRepository opportunities;

    DealRatings(OpportunityRepository opportunities) {
        this.opportunities = opportunities;
    }

    /** Sets each deal's win probability; a null value clears it. */
    @Transactional
    public void recordWinProbabilities(Map<Long, BigDecimal> probabilities) {
        opportunities.recordWinProbabilities(probabilities);
    }

    /** Clears every deal's win probability: no scorer is primary any more. */
    @Transactional
    public void clearWinProbabilities() {
        opportunities.clearWinProbabilities();
    }

    /** Sets each deal's grade (A to D); deals not named keep theirs. */
    @Transactional
    public void recordGrades(Map<Long, String> grades) {
        grades.values().forEach(grade -> {
            if (!OpportunityDraft.GRADES.contains(grade)) {
                throw new IllegalArgumentException("Not a grade: " + grade);
            }
        });
        opportunities.recordGrades(grades);
    }

    /**
     * Whether the deals' grade follows a scorer: while it does, an edit keeps the grade the scorer gave and the
     * form shows it read-only.
     */
    @Transactional
    public void gradesFollowScorer(boolean follow) {
        opportunities.setGradesFollowScorer(follow);
    }

    /** The open deals, oldest first: what a scheduled scoring run goes through. */
    @Transactional(readOnly = true)
    public List<Long> openDeals() {
        return opportunities.openDealIds();
    }
}
