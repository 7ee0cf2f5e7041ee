package dev.funnel.followup;

/**
 * What follow-ups need to know of the opportunity they are logged on. The pipeline module answers; the interface
 * lives here so that follow-ups do not depend on the pipeline, whose deal page shows them.
 */
public interface DealLookup {

    /**
     * The customer of an opportunity the caller may see.
     *
     * @return the customer's id, or null for an opportunity without a customer
     * @throws dev.funnel.platform.NotFoundException when there is no such opportunity or the caller may not see it
     */
    Long customerOfVisibleDeal(long opportunityId);
}
