package dev.funnel.analytics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Conversion between consecutive stages (docs/metrics.md, "Conversion between stages"), with the bottleneck:
 * the stage furthest below its own average of the four periods before.
 */
public record ConversionReport(long pipelineId, String currency, List<StageConversion> stages,
                               Optional<Bottleneck> bottleneck) {

    public ConversionReport {
        stages = List.copyOf(stages);
    }

    /**
     * @param entered    deals that entered the stage in the period
     * @param advanced   of those, the ones that later reached a later stage or were won
     * @param stillOpen  of those, the ones still open in this stage now
     * @param lost       of those, the ones lost from this stage
     * @param conversion advanced / entered, empty when none entered
     */
    public record StageConversion(long stageId, int position, String nameEn, String nameZh, long entered,
                                  long advanced, long stillOpen, long lost, BigDecimal lostAmount,
                                  Optional<BigDecimal> conversion) {
    }

    /** The stage with the worst conversion against its history, and the figures that make it so. */
    /**
     * The stage that holds deals back most: the one whose conversion fell furthest below that of the earlier
     * window, or, when no stage has enough earlier entries to compare with, the one with the lowest conversion.
     *
     * @param earlierConversion the earlier window's conversion; empty when the stage is named for being lowest
     */
    public record Bottleneck(long stageId, String nameEn, String nameZh, BigDecimal conversion, long entered,
                             Optional<BigDecimal> earlierConversion, long earlierEntered) {
    }
}
