package dev.funnel.pipeline;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One opportunity of an import, its names already looked up. The dates say what the stage history was: created
 * on {@code createdOn} in the pipeline's first stage, in its current stage since {@code stageEnteredOn}, and,
 * when won or lost, closed on {@code closedOn}. Missing dates fall back to the next known one, and to the day
 * of the import.
 *
 * @param line the line of the file the row came from, for messages that point at another row
 */
public record OpportunityImport(int line, String externalRef, String name, Long customerId, long ownerId,
                                long pipelineId, long stageId, OpportunityStatus status, BigDecimal amount,
                                String currency, LocalDate createdOn, LocalDate stageEnteredOn, LocalDate closedOn,
                                LocalDate expectedCloseDate, String leadSource, Long productId, String lostReason) {
}
