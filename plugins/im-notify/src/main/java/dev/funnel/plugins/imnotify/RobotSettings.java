package dev.funnel.plugins.imnotify;

import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.PluginSettings;
import dev.funnel.plugin.api.RecordKind;
import dev.funnel.plugin.api.SettingField;
import dev.funnel.plugin.api.SettingProblem;
import dev.funnel.plugin.api.SettingType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * What administrators register (Admin › Plugins): group robots, each on one platform, for one team (and the teams
 * below it), in one language, with the kinds of notification it posts.
 */
@Extension
public class RobotSettings implements PluginSettings {

    public static final String ROBOT = "robot";
    public static final String PLATFORM = "platform";
    public static final String URL = "url";
    public static final String SECRET = "secret";
    public static final String TEAM = "team";
    public static final String LANGUAGE = "language";
    public static final String TOPICS = "notify";

    static final String STALLED_DEALS = "stalled-deals";
    static final String OVERDUE_TASKS = "overdue-tasks";
    static final String REGISTRATIONS = "registrations";
    static final String WON_DEALS = "won-deals";
    static final List<String> ALL_TOPICS = List.of(STALLED_DEALS, OVERDUE_TASKS, REGISTRATIONS, WON_DEALS);
    static final List<String> LANGUAGES = List.of("zh-CN", "en");

    @Override
    public List<RecordKind> recordKinds() {
        return List.of(new RecordKind(ROBOT, LocalizedText.of("Group robot", "群机器人"), List.of(
                new SettingField(PLATFORM, LocalizedText.of("Platform (one: WeCom, DingTalk, Feishu)", "平台（选一个：企业微信、钉钉、飞书）"), SettingType.CHOICES,
                        true, List.of(Platform.WECOM.code(), Platform.DINGTALK.code(), Platform.FEISHU.code())),
                new SettingField(URL, LocalizedText.of("Robot webhook address", "机器人 Webhook 地址"), SettingType.URL,
                        true, List.of()),
                new SettingField(SECRET, LocalizedText.of("Signing secret (DingTalk, Feishu)",
                        "加签密钥（钉钉、飞书）"), SettingType.SECRET, false, List.of()),
                new SettingField(TEAM, LocalizedText.of("Team (name or id; its sub-teams too)",
                        "团队（名称或编号，含下级团队）"), SettingType.TEXT, true, List.of()),
                new SettingField(LANGUAGE, LocalizedText.of("Language (one)", "语言（选一个）"), SettingType.CHOICES,
                        true, LANGUAGES),
                new SettingField(TOPICS, LocalizedText.of(
                        "Notifications (in order: stalled deals, overdue tasks, registration requests, won deals)",
                        "通知内容（依次为：停滞商机、逾期任务、报备申请、赢单）"), SettingType.CHOICES, true,
                        ALL_TOPICS))));
    }

    @Override
    public List<SettingProblem> validate(String kind, Map<String, String> values) {
        List<SettingProblem> problems = new ArrayList<>();
        List<String> platforms = Robot.list(values.get(PLATFORM));
        if (platforms.size() != 1) {
            problems.add(new SettingProblem(PLATFORM, LocalizedText.of("Choose exactly one platform",
                    "请只选择一个平台")));
        }
        if (Robot.list(values.get(LANGUAGE)).size() != 1) {
            problems.add(new SettingProblem(LANGUAGE, LocalizedText.of("Choose exactly one language",
                    "请只选择一种语言")));
        }
        String url = values.getOrDefault(URL, "");
        if (platforms.size() == 1) {
            String platform = platforms.get(0);
            if (platform.equals(Platform.WECOM.code()) && !url.contains("key=")) {
                problems.add(new SettingProblem(URL, LocalizedText.of(
                        "A WeCom robot's address ends in ?key=… (copy it from the robot's settings)",
                        "企业微信机器人的地址以 ?key=… 结尾（请从机器人设置中复制）")));
            }
            if (platform.equals(Platform.DINGTALK.code()) && !url.contains("access_token=")) {
                problems.add(new SettingProblem(URL, LocalizedText.of(
                        "A DingTalk robot's address carries ?access_token=… (copy it from the robot's settings)",
                        "钉钉机器人的地址包含 ?access_token=…（请从机器人设置中复制）")));
            }
        }
        return problems;
    }
}
