package dev.funnel.analytics;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * How far a target is reached (docs/metrics.md, "Targets"): won so far, the open amounts expected to close in
 * the period by forecast category (not weighted), the gap still to win, and the pipeline coverage.
 *
 * @param gap      target − won, never below zero
 * @param coverage open weighted amount ÷ gap; empty when nothing remains to win
 */
public record TargetProgress(Target target, BigDecimal won, BigDecimal commit, BigDecimal bestCase,
                             BigDecimal pipeline, BigDecimal openWeighted, BigDecimal gap,
                             Optional<BigDecimal> coverage) {
}
