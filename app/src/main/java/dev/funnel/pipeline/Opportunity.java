package dev.funnel.pipeline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A potential sale to a customer, as the UI and the API show it. The amount is exact, in its ISO currency.
 *
 * @param winProbability how likely it is to be won (0-1) according to the primary scorer, or null when there is
 *                       none or it has not scored the deal (docs/scoring.md)
 */
public record Opportunity(long id, String name, Long customerId, String customerName, Long contactId, long ownerId,
                          String ownerName, long pipelineId, long stageId, String stageNameEn, String stageNameZh,
                          int stageProbability, OffsetDateTime stageEnteredAt, BigDecimal amount, String currency,
                          LocalDate expectedCloseDate, String leadSource, OpportunityStatus status,
                          OffsetDateTime closedAt, String lostReason, int version, OffsetDateTime createdAt,
                          OffsetDateTime updatedAt, String grade, String nextStep, Long presalesId,
                          BigDecimal actualAmount, LocalDate actualCloseDate, String lostComment,
                          int stalledAfterDays, BigDecimal companyAmount, BigDecimal winProbability) {
}
