package dev.funnel.pipeline;

import java.math.BigDecimal;

/**
 * A stage's column head: how many open deals, their total and their probability-weighted amount, all computed
 * by the database in the company {@code currency}, each deal at its own day's rate; deals in a currency that has
 * no rate yet are counted in {@code count} but not in the amounts, and counted in {@code unconverted}.
 */
public record BoardColumn(Stage stage, long count, BigDecimal amount, BigDecimal weightedAmount, String currency,
                          long unconverted) {
}
