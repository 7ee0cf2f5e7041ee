package dev.funnel.plugin.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a scorer may know of an opportunity. Amounts are exact decimals with an ISO 4217 currency code.
 *
 * @param id the opportunity's id
 * @param stageKey the current stage's name in English
 * @param stageProbability the current stage's default win probability in percent
 * @param amount the amount, or {@code null} when not yet known
 * @param currency the ISO 4217 currency code, for example {@code CNY}
 * @param expectedCloseDate the expected close date, or {@code null}
 * @param leadSource the lead source, or {@code null}
 * @param daysInStage whole days since the opportunity entered its current stage
 * @param activitiesLast30Days follow-ups logged in the last 30 days
 * @since 1.0.0
 */
public record OpportunitySnapshot(long id, String stageKey, int stageProbability, BigDecimal amount, String currency,
                                  LocalDate expectedCloseDate, String leadSource, int daysInStage,
                                  int activitiesLast30Days) {
}
