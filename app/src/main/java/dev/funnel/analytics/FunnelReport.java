package dev.funnel.analytics;

import java.math.BigDecimal;
import java.util.List;

/**
 * The funnel of the deals created in the period: per stage, how many reached it and what they are worth, then
 * how many were won (docs/metrics.md, "Funnel").
 */
public record FunnelReport(long pipelineId, String currency, long created, List<Level> stages, Level won) {

    public FunnelReport {
        stages = List.copyOf(stages);
    }

    /** One bar: a stage (or, for {@link #won}, no stage) with the deals that reached it. */
    public record Level(Long stageId, int position, String nameEn, String nameZh, long count, BigDecimal amount) {
    }
}
