package dev.funnel.analytics;

import dev.funnel.plugin.api.ForecastCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The forecast of a period (docs/metrics.md, "Forecast"): what was won in it, plus the open deals expected to close
 * in it weighted by their stage's probability, by forecast category; and per stage its configured probability
 * beside the one history shows.
 *
 * @param forecast closed won + the weighted amounts of every category
 */
public record ForecastReport(String currency, LocalDate from, LocalDate to, long wonDeals, BigDecimal closedWon,
                             List<Category> categories, BigDecimal forecast, List<StageProbability> stages,
                             LocalDate lookBackFrom, LocalDate lookBackTo) {

    public ForecastReport {
        categories = List.copyOf(categories);
        stages = List.copyOf(stages);
    }

    /** Open deals expected to close in the period whose stage counts in this category. */
    public record Category(ForecastCategory category, long deals, BigDecimal amount, BigDecimal weighted) {
    }

    /**
     * @param historical of the deals that reached the stage and closed in the look-back window, the share won;
     *                   empty when none did
     * @param closed     how many such deals the historical figure rests on
     */
    public record StageProbability(long stageId, int position, String nameEn, String nameZh, int configured,
                                   Optional<BigDecimal> historical, long closed, long won) {
    }
}
