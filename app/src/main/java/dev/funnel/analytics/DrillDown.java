package dev.funnel.analytics;

/**
 * Which deals stand behind a figure, to list them (docs/metrics.md gives each figure's deals): those that reached
 * a stage of the funnel, were won, entered a stage, or closed in the period — optionally only those of one group
 * of the win-rate report, and only won or only lost.
 */
public record DrillDown(Kind kind, Long stageId, GroupBy groupBy, String groupKey, Outcome outcome) {

    /** What the figure counts. */
    public enum Kind {
        /** The funnel's bar of a stage: created in the period, reached the stage. */
        REACHED_STAGE,
        /** The funnel's last bar: created in the period and won. */
        WON,
        /** The conversion of a stage: entered it in the period. */
        ENTERED_STAGE,
        /** Win rates, deal size, cycle: closed in the period. */
        CLOSED
    }

    /** Closed deals: both outcomes, or one. */
    public enum Outcome { ANY, WON, LOST }

    public static DrillDown reached(long stageId) {
        return new DrillDown(Kind.REACHED_STAGE, stageId, null, null, Outcome.ANY);
    }

    public static DrillDown won() {
        return new DrillDown(Kind.WON, null, null, null, Outcome.WON);
    }

    public static DrillDown entered(long stageId) {
        return new DrillDown(Kind.ENTERED_STAGE, stageId, null, null, Outcome.ANY);
    }

    /** Closed deals of one group (null groupBy: all of them). */
    public static DrillDown closed(GroupBy groupBy, String groupKey, Outcome outcome) {
        return new DrillDown(Kind.CLOSED, null, groupBy, groupKey, outcome);
    }
}
