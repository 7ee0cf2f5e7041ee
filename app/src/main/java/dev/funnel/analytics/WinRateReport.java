package dev.funnel.analytics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Win rates and won deal size of the deals closed in the period, per group (docs/metrics.md, "Win rate"). */
public record WinRateReport(GroupBy groupBy, String currency, List<Group> groups, Group total) {

    public WinRateReport {
        groups = List.copyOf(groups);
    }

    /**
     * @param key              the owner's, team's or product's id, the lead source's code or the month; null for
     *                         deals without a team or source
     * @param winRate          won / (won + lost); empty without closed deals
     * @param winRateByAmount  won amount / (won amount + lost amount); empty when both are zero
     * @param averageWonAmount won amount / won; empty without won deals
     */
    public record Group(String key, String label, long won, long lost, BigDecimal wonAmount, BigDecimal lostAmount,
                        Optional<BigDecimal> winRate, Optional<BigDecimal> winRateByAmount,
                        Optional<BigDecimal> averageWonAmount) {
    }
}
