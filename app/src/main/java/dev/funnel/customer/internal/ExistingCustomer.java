package dev.funnel.customer.internal;

/** A customer as an import's duplicate check needs it. */
public record ExistingCustomer(long id, String name, String ownerName, String creditCode, String normalizedName) {
}
