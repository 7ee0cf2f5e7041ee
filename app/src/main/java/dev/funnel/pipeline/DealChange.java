package dev.funnel.pipeline;

import java.time.OffsetDateTime;

/**
 * One change of a deal's figure, as the database recorded it (deal_revision): which field, the value before and
 * after as text (a decimal, an ISO date, a currency code, a user id, a probability 0-1, a grade letter; null when
 * empty), when, and who — nobody when the system made it (a scorer, an exchange-rate change). For an owner change
 * {@code oldName} and {@code newName} are the two people's names.
 */
public record DealChange(long id, long opportunityId, Field field, String oldValue, String newValue,
                         OffsetDateTime changedAt, Long changedBy, String changedByName, String oldName,
                         String newName) {

    /** The recorded fields; stage and status changes are the stage ledger's ({@link StageHistoryEntry}). */
    public enum Field {
        AMOUNT,
        CURRENCY,
        EXPECTED_CLOSE,
        NEXT_STEP,
        OWNER,
        LEAD_SOURCE,
        PROBABILITY,
        GRADE
    }
}
