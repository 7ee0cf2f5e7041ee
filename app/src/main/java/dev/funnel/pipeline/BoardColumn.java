package dev.funnel.pipeline;

import java.math.BigDecimal;

/**
 * A stage's column head: how many open deals, their total and their probability-weighted amount, all computed
 * by the database. Amounts are summed as stored; deals in other currencies are counted in {@code otherCurrency}.
 */
public record BoardColumn(Stage stage, long count, BigDecimal amount, BigDecimal weightedAmount,
                          long otherCurrency) {
}
