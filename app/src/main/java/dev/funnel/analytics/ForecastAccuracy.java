package dev.funnel.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * How close a rep's forecast came (docs/metrics.md, "Forecast accuracy"): the first weekly snapshot taken in the
 * period against what was won in it.
 *
 * @param accuracy 1 − |forecast − actual| ÷ actual, not below zero; empty when nothing was won
 */
public record ForecastAccuracy(long ownerId, String ownerName, LocalDate snapshotTakenOn, BigDecimal forecast,
                               BigDecimal actual, Optional<BigDecimal> accuracy) {
}
