package dev.funnel.pipeline;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a user enters to create or change an opportunity. Null owner means 'me'; null pipeline means the default
 * one; null stage means its first stage; null status means open; null currency means CNY.
 */
public record OpportunityDraft(String name, Long customerId, Long contactId, Long ownerId, Long pipelineId,
                               Long stageId, BigDecimal amount, String currency, LocalDate expectedCloseDate,
                               String leadSource, OpportunityStatus status, String lostReason) {

    public static OpportunityDraft of(Opportunity o) {
        return new OpportunityDraft(o.name(), o.customerId(), o.contactId(), o.ownerId(), o.pipelineId(), o.stageId(),
                o.amount(), o.currency(), o.expectedCloseDate(), o.leadSource(), o.status(), o.lostReason());
    }

    public OpportunityDraft withStage(Long newStageId) {
        return new OpportunityDraft(name, customerId, contactId, ownerId, pipelineId, newStageId, amount, currency,
                expectedCloseDate, leadSource, status, lostReason);
    }

    public OpportunityDraft withStatus(OpportunityStatus newStatus, String reason) {
        return new OpportunityDraft(name, customerId, contactId, ownerId, pipelineId, stageId, amount, currency,
                expectedCloseDate, leadSource, newStatus, reason);
    }
}
