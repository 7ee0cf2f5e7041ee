package dev.funnel.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A deal behind a figure of the pipeline's history: how it stood at the first and at the second date (stage,
 * amount in the report's currency, expected close date; null where it was not in the pipeline), and how it moved.
 * A deal of the pipeline as of one date has only the second side.
 */
public record MovedDeal(long id, String name, String customerName, String ownerName,
                        PipelineMovement.Movement movement, Long stageBefore, BigDecimal amountBefore,
                        LocalDate closeBefore, Long stageAfter, BigDecimal amountAfter, LocalDate closeAfter) {
}
