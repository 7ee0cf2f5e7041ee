package dev.funnel.pipeline;

/**
 * Something a scorer reads of an open deal changed (its fields, product lines or exit-criteria confirmations),
 * for scoring it again once the change is committed. Moves, reassignments and new deals have events of their
 * own; this one is not handed to plugins or written to the audit trail.
 */
public record DealChanged(long opportunityId) {
}
