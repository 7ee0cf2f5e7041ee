package dev.funnel.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.funnel.notification.NotificationService;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bundled group-robot plugin, loaded from its jar, against a local server playing WeCom's robot API: a robot
 * registered for a team hears of the deals won and the reminders of people in that team or below it, worded in its
 * language with a link back to Funnel; a robot of another team hears nothing of them.
 */
class ImNotifyPluginTest extends IntegrationTest {

    @Autowired
    PluginSettingsService settings;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    NotificationService notifications;

    HttpServer server;
    final List<String> east = new CopyOnWriteArrayList<>();
    final List<String> west = new CopyOnWriteArrayList<>();
    final List<PluginRecord> robots = new CopyOnWriteArrayList<>();

    @BeforeEach
    void wecom() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cgi-bin/webhook/send", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getQuery();
            (query.contains("key=east") ? east : west).add(body);
            byte[] ok = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        data.asAdmin(() -> {
            robots.forEach(r -> settings.delete("im-notify", r.id(), r.version()));
            return null;
        });
        server.stop(0);
    }

    private void robot(String key, String team, String language, String topics) {
        robots.add(data.asAdmin(() -> settings.save("im-notify", "robot", null, null, Map.of(
                "platform", "wecom",
                "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/cgi-bin/webhook/send?key=" + key,
                "team", team, "language", language, "notify", topics))));
    }

    @Test
    void a_teams_robot_hears_of_its_peoples_won_deals_and_reminders_in_its_language() throws Exception {
        Org company = data.organisation();
        // the division's robot covers the east team below it; the west robot another team
        robot("east", company.division().name(), "zh-CN", "won-deals,stalled-deals");
        robot("west", Long.toString(company.west().id()), "en", "won-deals,stalled-deals");
        Opportunity deal = data.opportunityOf(company.eastRep(), data.pipeline());

        data.as(company.eastRep().username(), () -> closing.win(deal.id(), deal.version(),
                new BigDecimal("386000"), LocalDate.now(clock)));
        data.asAdmin(() -> {
            notifications.notify(company.eastRep().id(), "notification.rule.stalled-deal",
                    List.of(deal.name(), "方案", "2026-11-01", "30", "21"), "opportunities/" + deal.id());
            return null;
        });

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (east.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(east).hasSize(2);
        String won = east.stream().filter(b -> b.contains("赢单喜报")).findFirst().orElseThrow();
        assertThat(won).contains(company.eastRep().fullName() + " 赢单：" + deal.name())
                .contains("386000.00 CNY").contains("/opportunities/" + deal.id() + ")");
        String stalled = east.stream().filter(b -> b.contains("停滞商机提醒")).findFirst().orElseThrow();
        assertThat(stalled).contains(company.eastRep().fullName() + "：").contains(deal.name());
        Thread.sleep(500);
        assertThat(west).isEmpty();
    }
}
