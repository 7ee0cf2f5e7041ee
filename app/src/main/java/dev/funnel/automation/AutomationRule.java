package dev.funnel.automation;

/**
 * A rule as configured: whether it runs, and its threshold (null for rules without one).
 *
 * @param version for optimistic locking: an edit names the version it started from
 */
public record AutomationRule(RuleCode code, boolean enabled, Integer threshold, int version) {
}
