package dev.funnel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bundled webhooks plugin, loaded from its jar, against a real HTTP server: an administrator registers a
 * target; winning a deal posts a signed JSON event after the commit, retried after a 500, every attempt in the
 * plugin's log; a target that hangs never holds up the user; bad URLs and short secrets are refused on entry.
 */
class WebhooksPluginTest extends IntegrationTest {

    static final String SECRET = "whsec-0123456789abcdef";

    @Autowired
    PluginSettingsService settings;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityCloseService closing;

    HttpServer server;
    final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    final List<String> signatures = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile CountDownLatch hold = new CountDownLatch(0);
    PluginRecord target;

    @BeforeEach
    void aReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bodies.add(exchange.getRequestBody().readAllBytes());
            signatures.add(exchange.getRequestHeaders().getFirst("X-Funnel-Signature"));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
        target = data.asAdmin(() -> settings.save("webhooks", "target", null, null, Map.of(
                "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                "secret", SECRET, "events", "opportunity.won")));
    }

    @AfterEach
    void stop() {
        hold.countDown();
        data.asAdmin(() -> {
            settings.delete("webhooks", target.id(), target.version());
            return null;
        });
        server.stop(0);
    }

    @Test
    void winning_a_deal_posts_a_signed_event_retried_after_a_500_and_logged() throws Exception {
        failuresLeft.set(1);
        Org company = data.organisation();
        Opportunity deal = data.opportunityOf(company.eastRep(), data.pipeline());

        as(company.eastRep().username(), () -> closing.win(deal.id(), deal.version(), new BigDecimal("90000"),
                LocalDate.now(clock)));

        awaitDeliveries(2);
        String body = new String(bodies.get(1), StandardCharsets.UTF_8);
        assertThat(body).contains("\"type\":\"opportunity.won\"").contains("\"subjectId\":" + deal.id())
                .contains("\"actualAmount\":\"90000.00\"");
        assertThat(signatures.get(1)).isEqualTo("sha256=" + hmac(SECRET, bodies.get(1)));
        List<PluginLogLine> log = awaitLog(deal, 2);
        assertThat(log).extracting(PluginLogLine::status, PluginLogLine::attempt, PluginLogLine::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DELIVERED", 2, 200),
                        org.assertj.core.groups.Tuple.tuple("RETRYING", 1, 500));
    }

    @Test
    void a_target_that_hangs_never_holds_up_the_users_action() throws Exception {
        hold = new CountDownLatch(1);
        Org company = data.organisation();
        Opportunity deal = data.opportunityOf(company.eastRep(), data.pipeline());

        Opportunity won = as(company.eastRep().username(), () -> closing.win(deal.id(), deal.version(),
                new BigDecimal("1000"), LocalDate.now(clock)));

        // the action returned, committed, while the receiver has not answered anything yet
        assertThat(won.status().name()).isEqualTo("WON");
        assertThat(bodies).isEmpty();
        hold.countDown();
        awaitDeliveries(1);
    }

    @Test
    void a_hanging_target_does_not_delay_deliveries_to_a_healthy_one() throws Exception {
        hold = new CountDownLatch(1);
        Map<Long, Instant> arrivals = new java.util.concurrent.ConcurrentHashMap<>();
        HttpServer healthy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        healthy.createContext("/healthy", exchange -> {
            java.util.regex.Matcher subject = java.util.regex.Pattern.compile("\"subjectId\":(\\d+)")
                    .matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (subject.find()) {
                arrivals.putIfAbsent(Long.parseLong(subject.group(1)), Instant.now());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        healthy.start();
        PluginRecord second = data.asAdmin(() -> settings.save("webhooks", "target", null, null, Map.of(
                "url", "http://127.0.0.1:" + healthy.getAddress().getPort() + "/healthy",
                "secret", SECRET, "events", "opportunity.won")));
        try {
            Org company = data.organisation();
            Map<Long, Instant> won = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 4; i++) {
                Opportunity deal = data.opportunityOf(company.eastRep(), data.pipeline());
                as(company.eastRep().username(), () -> closing.win(deal.id(), deal.version(),
                        new BigDecimal("1000"), LocalDate.now(clock)));
                won.put(deal.id(), Instant.now());
                Thread.sleep(700);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (arrivals.size() < won.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            // the hanging target has not answered a single delivery meanwhile
            assertThat(bodies).isEmpty();
            assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(won.keySet());
            won.forEach((id, at) -> assertThat(Duration.between(at, arrivals.get(id)))
                    .as("deal %d reached the healthy target", id).isLessThan(Duration.ofSeconds(2)));
        } finally {
            hold.countDown();
            data.asAdmin(() -> {
                settings.delete("webhooks", second.id(), second.version());
                return null;
            });
            healthy.stop(0);
        }
    }

    @Test
    void a_bad_url_or_a_short_secret_is_refused_with_the_field_named() {
        assertThatThrownBy(() -> data.asAdmin(() -> settings.save("webhooks", "target", null, null, Map.of(
                "url", "ftp://example.test/hook", "secret", "short", "events", "opportunity.won,no.such.event"))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .extracting(dev.funnel.platform.FieldProblem::field)
                        .containsExactlyInAnyOrder("url", "secret", "events"));
    }

    @Test
    void the_secret_is_never_shown_back() {
        List<PluginRecord> records = data.asAdmin(() -> settings.records("webhooks", "target"));
        assertThat(records).filteredOn(r -> r.id() == target.id()).singleElement()
                .extracting(r -> r.values().get("secret")).isEqualTo(PluginSettingsService.MASK);
    }

    private void awaitDeliveries(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (bodies.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(count);
    }

    private List<PluginLogLine> awaitLog(Opportunity deal, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<PluginLogLine> mine = List.of();
        while (System.nanoTime() < deadline) {
            mine = data.asAdmin(() -> settings.log("webhooks", 50)).stream()
                    .filter(line -> line.subject().equals("opportunity.won #" + deal.id())).toList();
            if (mine.size() >= count) {
                break;
            }
            Thread.sleep(20);
        }
        return mine;
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
