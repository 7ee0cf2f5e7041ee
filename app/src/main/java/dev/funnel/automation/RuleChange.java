package dev.funnel.automation;

/** An administrator's edit of a rule: switched on or off, and its threshold (ignored for rules without one). */
public record RuleChange(boolean enabled, Integer threshold, int version) {
}
