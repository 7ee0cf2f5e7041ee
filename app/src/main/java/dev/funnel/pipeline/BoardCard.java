package dev.funnel.pipeline;

import java.math.BigDecimal;

/** A deal as a board card shows it; the win probability is the primary scorer's, or null. */
public record BoardCard(long id, int version, String name, String customerName, BigDecimal amount, String currency,
                        long ownerId, String ownerName, long stageId, long daysInStage, boolean stalled,
                        String grade, BigDecimal winProbability) {
}
