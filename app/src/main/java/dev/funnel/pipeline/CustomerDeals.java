package dev.funnel.pipeline;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A customer's deals in figures, per currency (amounts in different currencies are never added): lifetime won
 * revenue (the actual amounts), and the open pipeline with how many deals it holds.
 */
public record CustomerDeals(Map<String, BigDecimal> won, Map<String, BigDecimal> open, int openCount) {

    public CustomerDeals {
        won = Map.copyOf(won);
        open = Map.copyOf(open);
    }
}
