package dev.funnel.plugins.imnotify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.funnel.plugin.api.Delivery;
import dev.funnel.plugin.api.DeliveryOutcome;
import dev.funnel.plugin.api.DomainEvent;
import dev.funnel.plugin.api.LogEntry;
import dev.funnel.plugin.api.OutboundHttp;
import dev.funnel.plugin.api.OutboundResponse;
import dev.funnel.plugin.api.PluginContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages to a real local HTTP server that plays the three platforms' robot APIs and checks each request as their
 * documentation describes it: WeCom's key in the address and markdown of at most 4,096 bytes; DingTalk's timestamp
 * and HmacSHA256 signature in the address; Feishu's timestamp and signature in the body. The signatures are
 * recomputed here from the documented recipe, not with the plugin's code. The host's side (queue, attempts) is
 * played by {@link #attempts}.
 */
class GroupRobotsTest {

    static final String DING_SECRET = "SEC0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String FEISHU_SECRET = "feishu-secret-9Kx2";
    static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");

    HttpServer server;
    String base;
    final List<String> problems = new CopyOnWriteArrayList<>();
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final List<LogEntry> log = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> robots = new ArrayList<>();
    final List<Delivery> queued = new CopyOnWriteArrayList<>();
    volatile String nextAnswer;

    @BeforeEach
    void robotApis() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cgi-bin/webhook/send", exchange -> answer(exchange, wecom(exchange),
                "{\"errcode\":0,\"errmsg\":\"ok\"}"));
        server.createContext("/robot/send", exchange -> answer(exchange, dingtalk(exchange),
                "{\"errcode\":0,\"errmsg\":\"ok\"}"));
        server.createContext("/open-apis/bot/v2/hook/", exchange -> answer(exchange, feishu(exchange),
                "{\"code\":0,\"msg\":\"success\",\"data\":{}}"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, String problem, String ok) throws IOException {
        String body = nextAnswer != null ? nextAnswer : problem == null ? ok
                : "{\"errcode\":310000,\"errmsg\":\"" + problem + "\"}";
        if (problem != null) {
            problems.add(problem);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** WeCom: POST, ?key=, JSON markdown of at most 4,096 bytes. Null when all is as documented. */
    private String wecom(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!"POST".equals(exchange.getRequestMethod()) || !"robot-key-1".equals(query.get("key"))) {
            return "wecom: method or key";
        }
        if (!body.startsWith("{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"")) {
            return "wecom: not a markdown message: " + body;
        }
        String content = unescape(field(body, "content"));
        if (content.getBytes(StandardCharsets.UTF_8).length > 4096) {
            return "wecom: content over 4096 bytes";
        }
        accepted.add("wecom " + content);
        return null;
    }

    /** DingTalk: timestamp (ms) within an hour, sign = urlencode(base64(HmacSHA256(secret, ts + "\n" + secret))). */
    private String dingtalk(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = query(raw);
        String timestamp = query.get("timestamp");
        if (timestamp == null || Math.abs(Long.parseLong(timestamp) - NOW.toEpochMilli()) > 3_600_000) {
            return "dingtalk: timestamp";
        }
        String expected = Base64.getEncoder().encodeToString(hmac(DING_SECRET, timestamp + "\n" + DING_SECRET));
        if (!expected.equals(query.get("sign")) || !"ding-token".equals(query.get("access_token"))) {
            return "dingtalk: sign";
        }
        if (!body.startsWith("{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"")) {
            return "dingtalk: not markdown";
        }
        accepted.add("dingtalk " + unescape(field(body, "text")));
        return null;
    }

    /** Feishu: body timestamp (s) and sign = base64(HmacSHA256(key = ts + "\n" + secret, data = empty)). */
    private String feishu(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String timestamp = field(body, "timestamp");
        if (timestamp == null || Math.abs(Long.parseLong(timestamp) - NOW.getEpochSecond()) > 3600) {
            return "feishu: timestamp";
        }
        String expected = Base64.getEncoder().encodeToString(hmac(timestamp + "\n" + FEISHU_SECRET, ""));
        if (!expected.equals(field(body, "sign"))) {
            return "feishu: sign";
        }
        if (!body.contains("\"msg_type\":\"post\"") || !body.contains("\"tag\":\"a\"")) {
            return "feishu: not a post with a link";
        }
        accepted.add("feishu " + unescape(field(body, "title")) + " | " + unescape(field(body, "text")));
        return null;
    }

    private static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : Pattern.compile("&").splitAsStream(raw).toList()) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String unescape(String json) {
        return json == null ? null : json.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private Map<String, String> robot(String platform, String url, String secret, String team, String language,
                                      String topics) {
        Map<String, String> robot = new HashMap<>(Map.of(RobotSettings.PLATFORM, platform, RobotSettings.URL, url,
                RobotSettings.TEAM, team, RobotSettings.LANGUAGE, language, RobotSettings.TOPICS, topics));
        if (secret != null) {
            robot.put(RobotSettings.SECRET, secret);
        }
        robots.add(robot);
        return robot;
    }

    private GroupRobots robots() {
        GroupRobots plugin = new GroupRobots(Duration.ofMillis(10), Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        plugin.attach(new PluginContext() {
            @Override
            public List<Map<String, String>> records(String kind) {
                return kind.equals(RobotSettings.ROBOT) ? robots : List.of();
            }

            @Override
            public void log(LogEntry entry) {
                log.add(entry);
            }

            @Override
            public void enqueue(Delivery delivery) {
                if (queued.stream().noneMatch(d -> d.key().equals(delivery.key()))) {
                    queued.add(delivery);
                }
            }

            /** The test's stand-in for the host's HTTP: plain, without the host's address checks. */
            @Override
            public OutboundHttp http() {
                return request -> {
                    var builder = java.net.http.HttpRequest.newBuilder(request.uri()).timeout(request.timeout())
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
                    request.headers().forEach((name, value) -> {
                        if (!name.equals("User-Agent")) {
                            builder.header(name, value);
                        }
                    });
                    try {
                        var answer = java.net.http.HttpClient.newHttpClient().send(builder.build(),
                                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                        return new OutboundResponse(answer.statusCode(), answer.body());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                };
            }
        });
        return plugin;
    }

    /** What the host does: delivers each queued delivery, attempt after attempt as the handler asks. */
    private List<DeliveryOutcome> attempts(GroupRobots plugin) {
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (Delivery delivery : queued) {
            for (int attempt = 1; attempt <= GroupRobots.MAX_ATTEMPTS; attempt++) {
                DeliveryOutcome outcome = plugin.deliver(delivery, attempt);
                outcomes.add(outcome);
                if (outcome.status() != DeliveryOutcome.Status.RETRY) {
                    break;
                }
            }
        }
        queued.clear();
        return outcomes;
    }

    private static DomainEvent stalled(String teamIds, String teams) {
        return new DomainEvent(DomainEvent.NOTIFICATION_CREATED, NOW, 70_000_123L, null, Map.of(
                "kind", "notification.rule.stalled-deal", "recipientId", "70000123", "recipient", "张伟",
                "text.en", "Acme ERP has been in the stage Propose for 30 days, longer than its limit of 21 days",
                "text.zh-CN", "Acme ERP 已在「方案」阶段停留 30 天，超过 21 天的上限",
                "teamIds", teamIds, "teams", teams, "link", "https://funnel.example.com/opportunities/9100042"));
    }

    @Test
    void each_platform_gets_its_documented_format_and_signature_for_its_team_in_its_language() {
        robot("wecom", base + "/cgi-bin/webhook/send?key=robot-key-1", null, "华东大区", "zh-CN", "stalled-deals");
        robot("dingtalk", base + "/robot/send?access_token=ding-token", DING_SECRET, "7100002", "en",
                "stalled-deals,won-deals");
        robot("feishu", base + "/open-apis/bot/v2/hook/0f3a", FEISHU_SECRET, "华东大区", "zh-CN",
                "stalled-deals");
        robot("wecom", base + "/cgi-bin/webhook/send?key=robot-key-1&west", null, "华西大区", "zh-CN",
                "stalled-deals");
        GroupRobots plugin = robots();

        // a rep of the Shanghai team (7100003), under East (7100002, 华东大区)
        plugin.onEvent(stalled("7100003,7100002", "上海组,华东大区"));
        List<DeliveryOutcome> outcomes = attempts(plugin);

        assertThat(problems).isEmpty();
        assertThat(outcomes).extracting(DeliveryOutcome::status).containsOnly(DeliveryOutcome.Status.DELIVERED)
                .hasSize(3);
        assertThat(accepted).anySatisfy(a -> assertThat(a).startsWith("wecom **停滞商机提醒**")
                        .contains("张伟：Acme ERP 已在「方案」阶段停留 30 天")
                        .contains("[在 Funnel 中查看](https://funnel.example.com/opportunities/9100042)"))
                .anySatisfy(a -> assertThat(a).startsWith("dingtalk **Stalled deals**")
                        .contains("张伟: Acme ERP has been in the stage Propose for 30 days"))
                .anySatisfy(a -> assertThat(a).startsWith("feishu 停滞商机提醒 | 张伟：Acme ERP"));
    }

    @Test
    void a_won_deal_goes_only_to_robots_that_chose_won_deals_and_a_long_message_is_cut_to_fit() {
        robot("dingtalk", base + "/robot/send?access_token=ding-token", DING_SECRET, "7100002", "zh-CN",
                "won-deals");
        robot("wecom", base + "/cgi-bin/webhook/send?key=robot-key-1", null, "7100002", "en", "stalled-deals");
        GroupRobots plugin = robots();
        plugin.onEvent(new DomainEvent(DomainEvent.OPPORTUNITY_WON, NOW, 9100042L, 70_000_123L, Map.of(
                "name", "Acme ERP 二期", "owner", "张伟", "customer", "上海艾克美", "actualAmount", "386000.00",
                "currency", "CNY", "teamIds", "7100003,7100002", "teams", "上海组,华东大区",
                "link", "https://funnel.example.com/opportunities/9100042")));
        assertThat(queued).hasSize(1);
        attempts(plugin);
        assertThat(accepted).singleElement().satisfies(a -> assertThat(a)
                .contains("张伟 赢单：Acme ERP 二期（上海艾克美），金额 386000.00 CNY"));

        String long_ = "长".repeat(3000);
        assertThat(Platform.fit(long_, Platform.WECOM_MAX_BYTES).getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(4096);
        robots.clear();
        robot("wecom", base + "/cgi-bin/webhook/send?key=robot-key-1", null, "7100002", "zh-CN", "stalled-deals");
        plugin.onEvent(new DomainEvent(DomainEvent.NOTIFICATION_CREATED, NOW, 1L, null, Map.of(
                "kind", "notification.rule.stalled-deal.summary", "text.zh-CN", long_, "teamIds", "7100002",
                "teams", "华东大区")));
        attempts(plugin);
        assertThat(problems).isEmpty();
        assertThat(accepted).hasSize(2);
        assertThat(accepted.get(1)).endsWith("…");
    }

    @Test
    void a_refused_signature_is_given_up_at_once_and_too_fast_waits_a_minute() {
        robot("dingtalk", base + "/robot/send?access_token=ding-token", "a-wrong-secret", "7100002", "zh-CN",
                "stalled-deals");
        GroupRobots plugin = robots();
        plugin.onEvent(stalled("7100002", "华东大区"));
        List<DeliveryOutcome> refused = attempts(plugin);
        assertThat(refused).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(DeliveryOutcome.Status.FAILED);
            assertThat(o.detail()).contains("dingtalk refused: 310000");
        });

        robots.clear();
        robot("dingtalk", base + "/robot/send?access_token=ding-token", DING_SECRET, "7100002", "zh-CN",
                "stalled-deals");
        nextAnswer = "{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}";
        plugin.onEvent(new DomainEvent(DomainEvent.NOTIFICATION_CREATED, NOW, 2L, null, stalled("7100002", "华东大区")
                .data()));
        DeliveryOutcome tooFast = plugin.deliver(queued.get(0), 1);
        assertThat(tooFast.status()).isEqualTo(DeliveryOutcome.Status.RETRY);
        assertThat(tooFast.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void a_robot_takes_twenty_messages_a_minute_and_the_next_waits_for_room() {
        robot("wecom", base + "/cgi-bin/webhook/send?key=robot-key-1", null, "7100002", "zh-CN", "stalled-deals");
        GroupRobots plugin = robots();
        for (int i = 0; i < GroupRobots.PER_MINUTE + 1; i++) {
            plugin.onEvent(new DomainEvent(DomainEvent.NOTIFICATION_CREATED, NOW, i, null,
                    stalled("7100002", "华东大区").data()));
        }
        assertThat(queued).hasSize(GroupRobots.PER_MINUTE + 1);
        List<DeliveryOutcome> first = new ArrayList<>();
        for (Delivery delivery : queued) {
            first.add(plugin.deliver(delivery, 1));
        }
        assertThat(first.subList(0, GroupRobots.PER_MINUTE)).extracting(DeliveryOutcome::status)
                .containsOnly(DeliveryOutcome.Status.DELIVERED);
        DeliveryOutcome waiting = first.get(GroupRobots.PER_MINUTE);
        assertThat(waiting.status()).isEqualTo(DeliveryOutcome.Status.RETRY);
        assertThat(waiting.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1).plusMillis(1));
        assertThat(accepted).hasSize(GroupRobots.PER_MINUTE);
    }

    @Test
    void settings_name_what_is_wrong() {
        RobotSettings settings = new RobotSettings();
        assertThat(settings.validate(RobotSettings.ROBOT, Map.of(RobotSettings.PLATFORM, "wecom,feishu",
                RobotSettings.URL, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", RobotSettings.LANGUAGE,
                "zh-CN,en"))).extracting(p -> p.field()).containsExactlyInAnyOrder(RobotSettings.PLATFORM,
                RobotSettings.LANGUAGE);
        assertThat(settings.validate(RobotSettings.ROBOT, Map.of(RobotSettings.PLATFORM, "dingtalk",
                RobotSettings.URL, "https://oapi.dingtalk.com/robot/send", RobotSettings.LANGUAGE, "en")))
                .extracting(p -> p.field()).containsExactly(RobotSettings.URL);
        assertThat(settings.validate(RobotSettings.ROBOT, Map.of(RobotSettings.PLATFORM, "wecom",
                RobotSettings.URL, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
                RobotSettings.LANGUAGE, "en"))).isEmpty();
    }
}
