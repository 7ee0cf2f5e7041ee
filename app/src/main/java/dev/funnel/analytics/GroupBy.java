package dev.funnel.analytics;

/** How the win-rate report groups closed deals (docs/metrics.md, "Groups"). */
public enum GroupBy {
    /** The deal's current owner; label: the person's full name. */
    OWNER,
    /** The owner's team now; label: the team's name. */
    TEAM,
    /** Each product on the deal's lines, with the line's amount. */
    PRODUCT,
    /** The lead source; label: its name in the caller's language. */
    SOURCE,
    /** The month of the close date, label {@code 2026-11}. */
    MONTH
}
