package dev.funnel.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A target (quota): the won amount a rep — or a team, with its sub-teams — should reach in a period. */
public record Target(long id, PeriodKind kind, LocalDate periodStart, Long ownerId, Long teamId, String name,
                     BigDecimal amount, String currency, int version) {
}
