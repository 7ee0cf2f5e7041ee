package dev.funnel.home;

import dev.funnel.analytics.FunnelReport;
import dev.funnel.analytics.TargetProgress;
import dev.funnel.pipeline.DealTotals;
import dev.funnel.pipeline.OwnerCount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The figures of the caller's home page.
 *
 * @param mine the caller's own day
 * @param team for managers and administrators: the people they see; empty for reps
 */
public record Home(LocalDate today, LocalDate monthStart, LocalDate monthEnd, MyDay mine, Optional<TeamView> team) {

    /**
     * @param tasksOverdue     open tasks of the caller due before today
     * @param tasksDueToday    open tasks due today
     * @param stalled          the caller's open deals longer in their stage than it allows
     * @param closingThisMonth the caller's open deals expected to close this month (overdue ones not included)
     * @param targets          the caller's targets of this month, with what is won and open against them
     */
    public record MyDay(long tasksOverdue, long tasksDueToday, DealTotals stalled, DealTotals closingThisMonth,
                        List<TargetProgress> targets) {

        public MyDay {
            targets = List.copyOf(targets);
        }
    }

    /**
     * @param funnel             deals created this quarter in the default pipeline, by the stage they reached
     * @param stalledByRep       per rep, their stalled open deals, most first
     * @param closedWon          won this quarter, company currency
     * @param forecast           won plus the weighted open deals expected this quarter
     * @param quarterTargets     the quarter's targets the caller sees (teams' first), with their progress
     * @param registrationsWaiting registration requests waiting for the caller's decision
     */
    public record TeamView(FunnelReport funnel, List<OwnerCount> stalledByRep, BigDecimal closedWon,
                           BigDecimal forecast, String currency, List<TargetProgress> quarterTargets,
                           long registrationsWaiting) {

        public TeamView {
            stalledByRep = List.copyOf(stalledByRep);
            quarterTargets = List.copyOf(quarterTargets);
        }
    }
}
