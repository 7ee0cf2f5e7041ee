package dev.funnel.pipeline;

import java.time.LocalDate;

/**
 * Narrows the opportunity list; null parts do not narrow. {@code text} matches the name or the customer.
 *
 * @param stalled    only open deals that have been in their stage longer than the stage allows (the board's
 *                   stalled mark)
 * @param closeFrom  the expected close date is on or after this day
 * @param closeTo    the expected close date is on or before this day
 * @param minWinProbability only deals whose win probability (the primary scorer's) is at least this, 0-1
 * @param mostLikelyFirst   listed by win probability, highest first (deals without one last), instead of the
 *                          most recently changed first
 * @param sync              an integration's incremental sync: only deals changed since, or after an id, listed in
 *                          id order (docs/api.md, "Incremental sync")
 */
public record OpportunityFilter(String text, Long ownerId, Long pipelineId, Long stageId, OpportunityStatus status,
                                boolean stalled, LocalDate closeFrom, LocalDate closeTo,
                                java.math.BigDecimal minWinProbability, boolean mostLikelyFirst,
                                dev.funnel.platform.SyncWindow sync) {

    public OpportunityFilter {
        sync = sync == null ? dev.funnel.platform.SyncWindow.ALL : sync;
    }

    public OpportunityFilter(String text, Long ownerId, Long pipelineId, Long stageId, OpportunityStatus status,
                             boolean stalled, LocalDate closeFrom, LocalDate closeTo,
                             java.math.BigDecimal minWinProbability, boolean mostLikelyFirst) {
        this(text, ownerId, pipelineId, stageId, status, stalled, closeFrom, closeTo, minWinProbability,
                mostLikelyFirst, dev.funnel.platform.SyncWindow.ALL);
    }

    public OpportunityFilter(String text, Long ownerId, Long pipelineId, Long stageId, OpportunityStatus status,
                             boolean stalled, LocalDate closeFrom, LocalDate closeTo) {
        this(text, ownerId, pipelineId, stageId, status, stalled, closeFrom, closeTo, null, false);
    }

    public OpportunityFilter(String text, Long ownerId, Long pipelineId, Long stageId, OpportunityStatus status) {
        this(text, ownerId, pipelineId, stageId, status, false, null, null);
    }

    /**
     * Whether the filter narrows by nothing but owner, pipeline, stage and status (besides the caller's visibility,
     * a set of owners): then the deals it lists are counted from the tally of deals per owner, pipeline, stage and
     * status instead of one by one (db-changelog 1.10/opportunity-list.xml). A new part of the filter must be added
     * here, or it would not narrow the total.
     */
    public boolean onlyOwnerPipelineStageOrStatus() {
        return (text == null || text.isBlank()) && !stalled && closeFrom == null && closeTo == null
                && minWinProbability == null && !sync.narrowed();
    }

    public static OpportunityFilter none() {
        return new OpportunityFilter(null, null, null, null, null);
    }

    /** Open deals past their stage's stalled-after days, of one owner or (null) of everyone visible. */
    public static OpportunityFilter stalled(Long ownerId) {
        return new OpportunityFilter(null, ownerId, null, null, OpportunityStatus.OPEN, true, null, null);
    }

    /** Open deals expected to close between the two days, of one owner or (null) of everyone visible. */
    public static OpportunityFilter closing(Long ownerId, LocalDate from, LocalDate to) {
        return new OpportunityFilter(null, ownerId, null, null, OpportunityStatus.OPEN, false, from, to);
    }
}
