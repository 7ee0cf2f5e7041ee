package dev.funnel.currency;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A rate as entered: units of the company currency for one unit of {@code currency}, from a day on. */
public record ExchangeRateDraft(String currency, LocalDate validFrom, BigDecimal rate) {
}
