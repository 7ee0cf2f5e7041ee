package dev.funnel.customer;

/** Where a customer stands in the relationship. */
public enum CustomerStatus {
    LEAD,
    PROSPECT,
    CUSTOMER,
    FORMER_CUSTOMER
}
