package dev.funnel.analytics;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The sales cycle of the deals won (and, apart, lost) in the period, in calendar days from creation to close,
 * and the pipeline velocity it implies (docs/metrics.md, "Sales cycle", "Pipeline velocity").
 */
public record CycleReport(String currency, Cycle won, Cycle lost, long openDeals,
                          Optional<BigDecimal> velocityPerDay) {

    /** How many closed deals the figures rest on, and their median and mean length in days. */
    public record Cycle(long deals, Optional<BigDecimal> medianDays, Optional<BigDecimal> meanDays) {
    }
}
