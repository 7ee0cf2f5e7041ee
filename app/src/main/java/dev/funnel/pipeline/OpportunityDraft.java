package dev.funnel.pipeline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a user enters to create or change an opportunity. Null owner means 'me'; null pipeline means the default
 * one; null stage means its first stage; null status means open; null currency means CNY.
 */
public record OpportunityDraft(String name, Long customerId, Long contactId, Long ownerId, Long pipelineId,
                               Long stageId, BigDecimal amount, String currency, LocalDate expectedCloseDate,
                               String leadSource, OpportunityStatus status, String lostReason, String grade,
                               String nextStep, Long presalesId) {

    /** The grades a deal may have (商机分级): A hot, B warm, C cold, D not worth time now; none until graded. */
    public static final List<String> GRADES = List.of("A", "B", "C", "D");


    /** The fields every deal has, without grade, next step and pre-sales. */
    public OpportunityDraft(String name, Long customerId, Long contactId, Long ownerId, Long pipelineId, Long stageId,
                            BigDecimal amount, String currency, LocalDate expectedCloseDate, String leadSource,
                            OpportunityStatus status, String lostReason) {
        this(name, customerId, contactId, ownerId, pipelineId, stageId, amount, currency, expectedCloseDate,
                leadSource, status, lostReason, null, null, null);
    }

    public static OpportunityDraft of(Opportunity o) {
        return new OpportunityDraft(o.name(), o.customerId(), o.contactId(), o.ownerId(), o.pipelineId(), o.stageId(),
                o.amount(), o.currency(), o.expectedCloseDate(), o.leadSource(), o.status(), o.lostReason(),
                o.grade(), o.nextStep(), o.presalesId());
    }

    public OpportunityDraft withGrade(String newGrade) {
        return new OpportunityDraft(name, customerId, contactId, ownerId, pipelineId, stageId, amount, currency,
                expectedCloseDate, leadSource, status, lostReason, newGrade, nextStep, presalesId);
    }

    public OpportunityDraft withAmount(BigDecimal newAmount) {
        return new OpportunityDraft(name, customerId, contactId, ownerId, pipelineId, stageId, newAmount, currency,
                expectedCloseDate, leadSource, status, lostReason, grade, nextStep, presalesId);
    }

    public OpportunityDraft withExpectedCloseDate(LocalDate newExpectedCloseDate) {
        return new OpportunityDraft(name, customerId, contactId, ownerId, pipelineId, stageId, amount, currency,
                newExpectedCloseDate, leadSource, status, lostReason, grade, nextStep, presalesId);
    }
}
