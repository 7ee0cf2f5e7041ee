package dev.funnel.plugin.api;

/**
 * How an open opportunity in a stage counts in the forecast.
 *
 * @since 1.0.0
 */
public enum ForecastCategory {
    /** Early: counted only as pipeline. */
    PIPELINE,
    /** Could close this period if things go well. */
    BEST_CASE,
    /** The owner commits to closing it this period. */
    COMMIT,
    /** Closed (won or lost). */
    CLOSED
}
