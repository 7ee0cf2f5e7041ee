package dev.funnel.customer;

import java.time.OffsetDateTime;

/** One line of a customer's ownership ledger: released to the pool, claimed from it. */
public record OwnershipEvent(long id, long customerId, Kind kind, String fromOwnerName, String toOwnerName,
                             OffsetDateTime at) {

    /** What happened. */
    public enum Kind {
        RELEASED,
        CLAIMED
    }
}
