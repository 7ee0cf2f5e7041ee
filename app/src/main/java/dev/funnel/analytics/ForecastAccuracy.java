package dev.funnel.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * How close a rep's forecast came (docs/metrics.md, "Forecast accuracy"): the first weekly snapshot taken in the
 * period against what was won in it.
 *
 * @param accuracy      1 − |forecast − actual| ÷ actual, not below zero; empty when nothing was won
 * @param modelForecast the same snapshot's forecast by the primary scorer's win probability (docs/scoring.md),
 *                      empty when no deal carried one then
 * @param modelAccuracy its accuracy by the same rule
 */
public record ForecastAccuracy(long ownerId, String ownerName, LocalDate snapshotTakenOn, BigDecimal forecast,
                               BigDecimal actual, Optional<BigDecimal> accuracy, Optional<BigDecimal> modelForecast,
                               Optional<BigDecimal> modelAccuracy) {
}
