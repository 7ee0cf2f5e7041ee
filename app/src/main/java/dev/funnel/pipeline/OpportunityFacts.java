package dev.funnel.pipeline;

import java.math.BigDecimal;

/**
 * An opportunity as it was when an event about it happened, in the terms listeners outside the module need:
 * names in English (the stage's in Chinese too: null in events recorded before it was added), amounts as entered.
 */
public record OpportunityFacts(String name, long ownerId, String ownerName, Long customerId, String customerName,
                               long pipelineId, long stageId, String stageNameEn, OpportunityStatus status,
                               BigDecimal amount, BigDecimal actualAmount, String currency, String stageNameZh) {

    static OpportunityFacts of(Opportunity deal) {
        return new OpportunityFacts(deal.name(), deal.ownerId(), deal.ownerName(), deal.customerId(),
                deal.customerName(), deal.pipelineId(), deal.stageId(), deal.stageNameEn(), deal.status(),
                deal.amount(), deal.actualAmount(), deal.currency(), deal.stageNameZh());
    }
}
