package dev.funnel.plugins.winprobability;

import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.LocalizedText;
import java.math.BigDecimal;

/** What each factor says about the deal, in both languages: the fact, not the weight. */
final class FactorTexts {

    private FactorTexts() {
    }

    static LocalizedText describe(String factor, DealSnapshot deal) {
        return switch (factor) {
            case "stage" -> LocalizedText.of("Stage: " + deal.stageKey(), "阶段：" + deal.stageKey());
            case "days_in_stage" -> LocalizedText.of(deal.daysInStage() + " days in this stage",
                    "在当前阶段已停留 " + deal.daysInStage() + " 天");
            case "age" -> LocalizedText.of("Deal opened " + deal.ageDays() + " days ago",
                    "商机已创建 " + deal.ageDays() + " 天");
            case "amount" -> amount(deal);
            case "expected_close" -> expectedClose(deal.daysToExpectedClose());
            case "close_date_moves" -> LocalizedText.of("Expected close date changed " + deal.closeDateMoves()
                    + " times", "预计成交日期已变更 " + deal.closeDateMoves() + " 次");
            case "products" -> LocalizedText.of(deal.products().size() + " products on the deal",
                    "商机包含 " + deal.products().size() + " 个产品");
            case "activities" -> LocalizedText.of(deal.activitiesLast30Days() + " follow-ups in the last 30 days",
                    "近 30 天跟进 " + deal.activitiesLast30Days() + " 次");
            case "exit_criteria" -> LocalizedText.of(deal.exitCriteriaConfirmed() + " of "
                    + deal.exitCriteriaTotal() + " exit criteria of the stage confirmed",
                    "已确认本阶段 " + deal.exitCriteriaConfirmed() + "/" + deal.exitCriteriaTotal() + " 项出口标准");
            case "next_step" -> deal.nextStepSet()
                    ? LocalizedText.of("A next step is written down", "已填写下一步")
                    : LocalizedText.of("No next step written down", "未填写下一步");
            case "decision_maker" -> deal.decisionMakerEngaged()
                    ? LocalizedText.of("A decision maker was engaged in the last 90 days", "近 90 天已接触决策人")
                    : LocalizedText.of("No decision maker engaged in the last 90 days", "近 90 天未接触决策人");
            case "customer_size" -> deal.customerEmployees() == null
                    ? LocalizedText.of("Customer's size unknown", "客户规模未知")
                    : LocalizedText.of("Customer has " + deal.customerEmployees() + " employees",
                            "客户规模 " + deal.customerEmployees() + " 人");
            case "lead_source" -> deal.leadSource() == null
                    ? LocalizedText.of("No lead source", "无线索来源")
                    : LocalizedText.of("Lead source: " + deal.leadSource(), "线索来源：" + deal.leadSource());
            case "industry" -> deal.customerIndustry() == null
                    ? LocalizedText.of("Customer's industry unknown", "客户行业未知")
                    : LocalizedText.of("Industry: " + deal.customerIndustry(), "行业：" + deal.customerIndustry());
            case "region" -> deal.customerRegion() == null
                    ? LocalizedText.of("Customer's region unknown", "客户地区未知")
                    : LocalizedText.of("Region: " + deal.customerRegion(), "地区：" + deal.customerRegion());
            case "owner" -> LocalizedText.of("The deal's owner (their record with similar deals)",
                    "商机负责人（其同类商机的历史表现）");
            default -> LocalizedText.of(factor, factor);
        };
    }

    private static LocalizedText amount(DealSnapshot deal) {
        BigDecimal amount = deal.amount();
        if (amount == null) {
            return LocalizedText.of("No amount yet", "尚未填写金额");
        }
        String shown = amount.stripTrailingZeros().toPlainString() + " " + deal.currency();
        return LocalizedText.of("Amount: " + shown, "金额：" + shown);
    }

    private static LocalizedText expectedClose(Integer days) {
        if (days == null) {
            return LocalizedText.of("No expected close date", "未填写预计成交日期");
        }
        if (days < 0) {
            return LocalizedText.of("Expected close date passed " + -days + " days ago",
                    "预计成交日期已过 " + -days + " 天");
        }
        return LocalizedText.of("Expected to close in " + days + " days", "预计 " + days + " 天后成交");
    }
}
