package dev.funnel.review;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a review looks at, computed from the live data while the review is open and stored as it stood when it was
 * closed (docs/reviews.md). Plain values only, no report types: a snapshot written today must read the same after
 * the reports change shape. Amounts are in the company currency.
 *
 * @param asOf              the day the figures are as of: the period's last day, or today while it runs
 * @param current           the period's figures
 * @param previousPeriod    the same figures for the period before, to compare with: while the period runs, for as
 *                          many of its days as have passed (to previousPeriodAsOf)
 * @param movementFrom      the day the movement starts: the last review's as-of day, else the day before the period
 * @param previousReviewId  the team's last review before this one (same pipeline and period length), if any
 * @param previousFigures   that review's own figures, as it froze them (null when it is still open)
 * @param previousDecisions that review's decisions and whether their tasks were done (as of closing this one)
 */
public record ReviewAgenda(Instant computedAt, LocalDate asOf, String currency, Figures current,
                           Figures previousPeriod, LocalDate previousPeriodAsOf, List<StageLine> stages, Bottleneck bottleneck,
                           LocalDate movementFrom, Movement movement, List<FlagLine> flagged, long flaggedTotal,
                           LocalDate targetMonth, List<RepLine> reps, Long previousReviewId,
                           LocalDate previousReviewAsOf, Figures previousFigures,
                           List<DecisionLine> previousDecisions) {

    /** A list a snapshot written by an older version does not have reads as empty. */
    public ReviewAgenda {
        stages = stages == null ? List.of() : List.copyOf(stages);
        flagged = flagged == null ? List.of() : List.copyOf(flagged);
        reps = reps == null ? List.of() : List.copyOf(reps);
        previousDecisions = previousDecisions == null ? List.of() : List.copyOf(previousDecisions);
    }

    /**
     * The headline of a period: the pipeline open at its end (weighted by the stages' probabilities) and the deals
     * won and lost in it.
     */
    /** The same agenda with the last review's decisions as they stand now. */
    public ReviewAgenda withPreviousDecisions(List<DecisionLine> decisions) {
        return new ReviewAgenda(computedAt, asOf, currency, current, previousPeriod, previousPeriodAsOf, stages,
                bottleneck, movementFrom, movement, flagged, flaggedTotal, targetMonth, reps, previousReviewId,
                previousReviewAsOf, previousFigures, decisions);
    }

    public record Figures(long openDeals, BigDecimal openAmount, BigDecimal openWeighted, long won,
                          BigDecimal wonAmount, long lost, BigDecimal lostAmount) {
    }

    /**
     * One stage: open at the as-of day, and its conversion in this period and the one before (deals that entered
     * the stage in the period, and the share of them that went further); a conversion is null when none entered.
     */
    public record StageLine(long stageId, String nameEn, String nameZh, long openDeals, BigDecimal openAmount,
                            long entered, BigDecimal conversion, long previousEntered,
                            BigDecimal previousConversion) {
    }

    /** The stage holding deals back most in the period (docs/metrics.md, "Bottleneck"). */
    public record Bottleneck(long stageId, String nameEn, String nameZh, BigDecimal conversion,
                             BigDecimal earlierConversion) {
    }

    /** The waterfall from movementFrom to asOf: start + bars = end. */
    public record Movement(long startDeals, BigDecimal startAmount, List<Bar> bars, long endDeals,
                           BigDecimal endAmount, long createdAndClosed) {
        public Movement {
            bars = bars == null ? List.of() : List.copyOf(bars);
        }
    }

    /** @param movement a {@code PipelineMovement.Movement} name: CREATED, WON, PUSHED_OUT, … */
    public record Bar(String movement, long deals, BigDecimal amount) {
    }

    /** A flagged deal; flags are {@code FlaggedDeal.Flag} names. */
    public record FlagLine(long opportunityId, String name, String ownerName, String stageNameEn,
                           String stageNameZh, BigDecimal amount, LocalDate expectedClose, List<String> flags,
                           int closePushes, long daysInStage, Long daysWithoutFollowUp) {
        public FlagLine {
            flags = flags == null ? List.of() : List.copyOf(flags);
        }
    }

    /**
     * A rep of the team: their target of the month holding the as-of day and what is won, committed and best case
     * against it, and what they won and lost in the review's period. The target figures are null without a target.
     */
    public record RepLine(long userId, String name, BigDecimal target, BigDecimal wonInMonth, BigDecimal commit,
                          BigDecimal bestCase, BigDecimal gap, long wonInPeriod, BigDecimal wonAmountInPeriod,
                          long lostInPeriod) {
    }

    /** A decision of the last review and its task's state: OPEN, DONE or CANCELLED. */
    public record DecisionLine(long decisionId, Long opportunityId, String opportunityName, String text,
                               String ownerName, LocalDate dueDate, long taskId, String taskStatus,
                               LocalDate doneOn) {
        public boolean done() {
            return "DONE".equals(taskStatus);
        }

        public boolean overdue(LocalDate today) {
            return "OPEN".equals(taskStatus) && dueDate.isBefore(today);
        }
    }
}
