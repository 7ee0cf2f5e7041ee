package dev.funnel.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Why the sales cycle changed between two periods (docs/metrics.md, "Why the cycle changed"): the cycle and the
 * velocity of each, and what each stage's time, each rep, each product and each lead source contributed to the
 * difference of the mean cycle. Contributions are in days; each breakdown sums exactly to the difference.
 *
 * @param meanDifference   second period's mean cycle − the first's, in days; empty when either has no won deal
 * @param medianDifference the same for the median
 * @param otherDays        the part of the difference no stage explains: time a deal spent closed before it was
 *                         reopened, and close dates entered for another day than the one the deal was closed on
 */
public record CycleChangeReport(String currency, Period first, Period second, BigDecimal meanDifference,
                                BigDecimal medianDifference, List<StageContribution> stages, BigDecimal otherDays,
                                List<GroupContribution> reps, List<GroupContribution> products,
                                List<GroupContribution> sources) {

    public CycleChangeReport {
        stages = List.copyOf(stages);
        reps = List.copyOf(reps);
        products = List.copyOf(products);
        sources = List.copyOf(sources);
    }

    /**
     * One period's deals won: how many, their cycle (median, mean) and the pipeline velocity of the period —
     * the deals open at its end × its win rate × its average won deal ÷ its median cycle.
     */
    public record Period(LocalDate from, LocalDate to, long won, BigDecimal medianDays, BigDecimal meanDays,
                         long openAtEnd, BigDecimal winRate, BigDecimal averageWonAmount,
                         BigDecimal velocityPerDay) {
    }

    /**
     * A stage's share: the mean days a won deal of each period spent in it (over all the period's won deals, so
     * that the stages add up to the cycle), how many of them passed through it, and the difference; removed: the
 * stage is no longer in the pipeline.
     */
    public record StageContribution(long stageId, int position, String nameEn, String nameZh, boolean removed,
                                    long firstDeals,
                                    BigDecimal firstDays, long secondDeals, BigDecimal secondDays,
                                    BigDecimal contributionDays) {
    }

    /**
     * A group's share of the difference (a rep, a product, a lead source): its won deals and their mean cycle in
     * each period, and its contribution split into mix (its share of the won deals changed) and rate (its own
     * cycle changed); mix + rate = contribution.
     */
    public record GroupContribution(String key, String label, long firstWon, BigDecimal firstMeanDays,
                                    long secondWon, BigDecimal secondMeanDays, BigDecimal mixDays,
                                    BigDecimal rateDays, BigDecimal contributionDays) {
    }
}
