package dev.funnel.customer;

/** A contact's part in the customer's buying decision. */
public enum BuyingRole {
    DECISION_MAKER,
    INFLUENCER,
    USER,
    GATEKEEPER
}
