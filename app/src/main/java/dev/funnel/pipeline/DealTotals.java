package dev.funnel.pipeline;

import java.math.BigDecimal;

/**
 * How many deals a filter lists and their amount in the company {@code currency} (each converted at its day's
 * rate); {@code unconverted} deals have no rate and are counted but not in the amount.
 */
public record DealTotals(long count, BigDecimal amount, String currency, long unconverted) {
}
