package dev.funnel.customer360;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The figures at the top of a customer's 360, amounts per currency (never added across currencies).
 *
 * @param daysSinceLastContact days since the last follow-up by anyone; null when there has been none
 */
public record CustomerFigures(Map<String, BigDecimal> lifetimeWon, Map<String, BigDecimal> openPipeline,
                              int openDeals, Map<String, BigDecimal> outstanding, Long daysSinceLastContact,
                              int openServiceRequests) {

    public CustomerFigures {
        lifetimeWon = Map.copyOf(lifetimeWon);
        openPipeline = Map.copyOf(openPipeline);
        outstanding = Map.copyOf(outstanding);
    }
}
