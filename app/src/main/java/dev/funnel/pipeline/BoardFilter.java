package dev.funnel.pipeline;

import java.time.LocalDate;


/**
 * What the pipeline board shows: one pipeline's open deals, narrowed by owner, team (all its members and
 * sub-teams), grade, lead source and expected close date range. Null parts do not narrow.
 */
public record BoardFilter(long pipelineId, Long ownerId, Long teamId, String grade, String leadSource,
                          LocalDate closeFrom, LocalDate closeTo) {

    public static BoardFilter of(long pipelineId) {
        return new BoardFilter(pipelineId, null, null, null, null, null, null);
    }

}
