package dev.funnel.analytics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** How long stays in each stage that ended in the period lasted (docs/metrics.md, "Time in stage"). */
public record TimeInStageReport(long pipelineId, List<StageTime> stages) {

    public TimeInStageReport {
        stages = List.copyOf(stages);
    }

    /**
     * @param stays   stays that ended in the period
     * @param current deals in the stage now, whose stay has no length yet
     */
    public record StageTime(long stageId, int position, String nameEn, String nameZh, long stays,
                            Optional<BigDecimal> meanDays, Optional<BigDecimal> medianDays, long current) {
    }
}
