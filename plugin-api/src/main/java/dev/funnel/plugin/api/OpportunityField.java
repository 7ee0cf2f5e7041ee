package dev.funnel.plugin.api;

/**
 * Opportunity fields that an exit criterion may require to be filled.
 *
 * @since 1.0.0
 */
public enum OpportunityField {
    /** The amount. */
    AMOUNT,
    /** The expected close date. */
    EXPECTED_CLOSE_DATE,
    /** The primary contact, who should be the decision maker. */
    DECISION_MAKER,
    /** At least one product line. */
    PRODUCTS,
    /** The next step. */
    NEXT_STEP
}
