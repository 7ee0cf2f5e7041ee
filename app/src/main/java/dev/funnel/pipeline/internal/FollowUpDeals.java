package dev.funnel.pipeline.internal;

import dev.funnel.followup.DealLookup;
import dev.funnel.pipeline.OpportunityService;
import org.springframework.stereotype.Component;

/** Answers the follow-up module's questions about opportunities, through the secured opportunity service. */
@Component
class FollowUpDeals implements DealLookup {

    private final OpportunityService opportunities;

    FollowUpDeals(OpportunityService opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public Long customerOfVisibleDeal(long opportunityId) {
        return opportunities.get(opportunityId).customerId();
    }
}
