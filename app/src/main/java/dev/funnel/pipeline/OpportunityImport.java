package dev.funnel.pipeline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One opportunity of an import, its names already looked up. The dates say what the stage history was: created
 * on {@code createdOn} in the pipeline's first stage, then, when the system it comes from kept them, moved through
 * {@code earlierStages} in order, in its current stage since {@code stageEnteredOn}, and, when won or lost, closed
 * on {@code closedOn}. Missing dates fall back to the next known one, and to the day of the import.
 *
 * @param line          the line of the file the row came from, for messages that point at another row
 * @param contactId     the customer's contact the deal is with, or null
 * @param earlierStages the stages the deal entered after its creation and before its current stage, in order
 *                      (a stage may come twice when the deal went back); each needs its date, and then the row
 *                      needs {@code stageEnteredOn}
 */
public record OpportunityImport(int line, String externalRef, String name, Long customerId, long ownerId,
                                long pipelineId, long stageId, OpportunityStatus status, BigDecimal amount,
                                String currency, LocalDate createdOn, LocalDate stageEnteredOn, LocalDate closedOn,
                                LocalDate expectedCloseDate, String leadSource, Long productId, String lostReason,
                                Long contactId, List<StageEntry> earlierStages) {

    public OpportunityImport {
        earlierStages = earlierStages == null ? List.of() : List.copyOf(earlierStages);
    }

    /** A deal without a contact and with no stages known between its first and its current one. */
    public OpportunityImport(int line, String externalRef, String name, Long customerId, long ownerId,
                             long pipelineId, long stageId, OpportunityStatus status, BigDecimal amount,
                             String currency, LocalDate createdOn, LocalDate stageEnteredOn, LocalDate closedOn,
                             LocalDate expectedCloseDate, String leadSource, Long productId, String lostReason) {
        this(line, externalRef, name, customerId, ownerId, pipelineId, stageId, status, amount, currency, createdOn,
                stageEnteredOn, closedOn, expectedCloseDate, leadSource, productId, lostReason, null, List.of());
    }

    /** An entry into a stage on a day. */
    public record StageEntry(long stageId, LocalDate enteredOn) {
    }
}
