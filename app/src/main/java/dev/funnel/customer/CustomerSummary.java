package dev.funnel.customer;

/** Who a customer is and who owns it (null: in the pool); for the rules that span owners. */
public record CustomerSummary(long id, String name, Long ownerId, String ownerName) {
}
