package dev.funnel.currency;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One unit of {@code currency} is worth {@code rate} units of the company currency from {@code validFrom} until
 * the currency's next rate.
 */
public record ExchangeRate(long id, String currency, LocalDate validFrom, BigDecimal rate, int version) {
}
