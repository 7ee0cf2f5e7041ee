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
 * @param model    the same open deals weighted by the primary scorer's calibrated win probability, with the range of
 *                 the won amount; null when no open deal of the period carries a win probability
 */
public record ForecastReport(String currency, LocalDate from, LocalDate to, long wonDeals, BigDecimal closedWon,
                             List<Category> categories, BigDecimal forecast, List<StageProbability> stages,
                             LocalDate lookBackFrom, LocalDate lookBackTo, ModelForecast model) {

    public ForecastReport {
        categories = List.copyOf(categories);
        stages = List.copyOf(stages);
    }

    /**
     * The forecast by the primary scorer (docs/scoring.md, "Forecast"): closed won plus each open deal's amount
     * times its win probability, and the won amount's P10, P50 and P90 when each deal is won or lost by its own
     * probability.
     *
     * @param deals     open deals expected in the period with an amount
     * @param unscored  how many of them had no win probability and counted with their stage's probability
     * @param weighted  the open deals' amounts weighted by their win probabilities
     * @param forecast  closed won + weighted
     * @param method    how the range was worked out: {@code exact} (up to 16 deals), {@code simulated} (up to
     *                  2,000: 20,000 draws with a fixed seed) or {@code normal} (more: the normal approximation)
     */
    public record ModelForecast(long deals, long unscored, BigDecimal weighted, BigDecimal forecast, BigDecimal p10,
                                BigDecimal p50, BigDecimal p90, String method) {
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
