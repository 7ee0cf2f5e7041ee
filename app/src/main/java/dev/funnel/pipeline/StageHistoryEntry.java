package dev.funnel.pipeline;

import java.time.OffsetDateTime;

/** One line of the stage ledger: an entry into a stage, a close or a reopen, with who and when. */
public record StageHistoryEntry(long id, long opportunityId, Event event, Long fromStageId, long toStageId,
                                Long changedBy, String changedByName, OffsetDateTime changedAt,
                                String overrideReason) {

    /** What happened. */
    public enum Event {
        CREATED,
        MOVED,
        WON,
        LOST,
        REOPENED
    }
}
