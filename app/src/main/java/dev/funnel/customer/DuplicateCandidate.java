package dev.funnel.customer;

import java.util.Set;

/**
 * An existing customer that may be the one being entered. It names the owner even when the caller may not see
 * the customer: who to talk to is exactly what a rep needs to know before chasing the same company.
 */
public record DuplicateCandidate(long customerId, String name, String ownerName, Set<DuplicateReason> reasons) {

    public DuplicateCandidate {
        reasons = Set.copyOf(reasons);
    }

    public boolean blocksSaving() {
        return reasons.contains(DuplicateReason.CREDIT_CODE);
    }
}
