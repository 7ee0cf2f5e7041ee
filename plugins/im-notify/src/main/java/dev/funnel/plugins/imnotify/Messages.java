package dev.funnel.plugins.imnotify;

import dev.funnel.plugin.api.DomainEvent;
import java.util.Map;

/** A group's message for an event, in the robot's language. */
final class Messages {

    private Messages() {
    }

    static Message of(String topic, DomainEvent event, boolean chinese) {
        Map<String, String> facts = event.data();
        String link = facts.get("link");
        String open = chinese ? "在 Funnel 中查看" : "Open in Funnel";
        if (RobotSettings.WON_DEALS.equals(topic)) {
            String amount = facts.getOrDefault("actualAmount", facts.getOrDefault("amount", ""));
            String money = amount.isEmpty() ? "" : amount + " " + facts.getOrDefault("currency", "");
            String customer = facts.get("customer");
            String owner = facts.getOrDefault("owner", "");
            String name = facts.getOrDefault("name", "");
            String text = chinese
                    ? owner + " 赢单：" + name + (customer == null ? "" : "（" + customer + "）")
                            + (money.isEmpty() ? "" : "，金额 " + money)
                    : owner + " won " + name + (customer == null ? "" : " (" + customer + ")")
                            + (money.isEmpty() ? "" : " for " + money);
            return new Message(chinese ? "赢单喜报" : "Deal won", text, link, open, chinese);
        }
        String title = switch (topic) {
            case RobotSettings.STALLED_DEALS -> chinese ? "停滞商机提醒" : "Stalled deals";
            case RobotSettings.OVERDUE_TASKS -> chinese ? "逾期任务提醒" : "Overdue tasks";
            default -> chinese ? "报备申请" : "Registration requests";
        };
        String recipient = facts.get("recipient");
        String said = facts.getOrDefault(chinese ? "text.zh-CN" : "text.en", "");
        String text = recipient == null ? said : recipient + (chinese ? "：" : ": ") + said;
        return new Message(title, text, link, open, chinese);
    }
}
