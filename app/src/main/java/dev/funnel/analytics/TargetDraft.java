package dev.funnel.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A target to set: for a rep or (exclusively) a team, a period given by its first day, an amount. */
public record TargetDraft(PeriodKind kind, LocalDate periodStart, Long ownerId, Long teamId, BigDecimal amount,
                          String currency) {
}
