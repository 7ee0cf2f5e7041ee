package dev.funnel.pipeline;

import java.util.List;
import java.util.Locale;

/**
 * Where the deal page finds the scorers' verdicts on a deal and their reasons. The scoring module answers; the
 * interface lives here so that the pipeline does not depend on scoring, which reads the pipeline's deals.
 */
public interface DealScoreSource {

    /**
     * Each scorer's verdict on a deal the caller may see, the primary one first.
     *
     * @throws dev.funnel.platform.NotFoundException when there is no such deal or the caller may not see it
     */
    List<DealScoreView> scores(long opportunityId, Locale locale);

    /** Scores the deal again now and answers the new verdicts. */
    List<DealScoreView> rescore(long opportunityId, Locale locale);
}
