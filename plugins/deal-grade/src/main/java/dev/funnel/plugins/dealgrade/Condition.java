package dev.funnel.plugins.dealgrade;

import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.LocalizedText;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a scorecard question can ask of a deal: each a fact of its snapshot, so that an answer is never a rep's
 * say-so but what Funnel's records show.
 */
enum Condition {

    DECISION_MAKER_ENGAGED(DealSnapshot::decisionMakerEngaged,
            "A decision maker took part in the last 90 days", "近 90 天有决策人参与"),
    EXIT_CRITERIA_MET(d -> d.exitCriteriaTotal() > 0 && d.exitCriteriaConfirmed() == d.exitCriteriaTotal(),
            "Every exit criterion of the stage is confirmed", "本阶段准出标准均已确认"),
    AMOUNT_KNOWN(d -> d.amount() != null && d.amount().signum() > 0,
            "The amount (budget) is known", "金额（预算）已确认"),
    CLOSE_DATE_AHEAD(d -> d.daysToExpectedClose() != null && d.daysToExpectedClose() >= 0,
            "An expected close date lies ahead", "已设定未来的预计成交日期"),
    CLOSE_DATE_STEADY(d -> d.closeDateMoves() == 0,
            "The close date has never slipped", "预计成交日期从未推迟"),
    NEXT_STEP_SET(DealSnapshot::nextStepSet, "A next step is written down", "已写明下一步"),
    FOLLOWED_UP_LAST_30_DAYS(d -> d.activitiesLast30Days() > 0, "Followed up in the last 30 days",
            "近 30 天有跟进"),
    VISITED_LAST_30_DAYS(d -> d.activities().stream().anyMatch(a -> "VISIT".equals(a.type()) && a.last30Days() > 0),
            "Visited in the last 30 days", "近 30 天有拜访"),
    PRODUCTS_NAMED(d -> !d.products().isEmpty(), "The products are named (the need is clear)",
            "已明确产品（需求清楚）");

    private final Predicate<DealSnapshot> holds;
    private final LocalizedText text;

    Condition(Predicate<DealSnapshot> holds, String en, String zh) {
        this.holds = holds;
        this.text = LocalizedText.of(en, zh);
    }

    boolean holds(DealSnapshot deal) {
        return holds.test(deal);
    }

    LocalizedText text() {
        return text;
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    static Optional<Condition> of(String key) {
        return Arrays.stream(values()).filter(c -> c.name().equals(key)).findFirst();
    }
}
