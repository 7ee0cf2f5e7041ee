package dev.funnel.pipeline;

/** Open, or closed as won or lost (the terminal outcomes). */
public enum OpportunityStatus {
    OPEN,
    WON,
    LOST
}
