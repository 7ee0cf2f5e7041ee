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
    @Autowired
    dev.funnel.plugin.internal.PluginDataRepository records;
    @Autowired
    dev.funnel.identity.UserService users;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    dev.funnel.audit.AuditService audit;

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
    void internal_addresses_are_refused_on_entry_naming_the_address() {
        for (String url : List.of("http://127.0.0.2:9/hook", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:8080/hook", "http://10.0.0.5/hook", "http://100.100.100.200/latest/meta-data")) {
            assertThatThrownBy(() -> data.asAdmin(() -> settings.save("webhooks", "target", null, null, Map.of(
                    "url", url, "secret", SECRET, "events", "opportunity.won"))))
                    .as(url)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(problem -> {
                                assertThat(problem.field()).isEqualTo("url");
                                assertThat(problem.messageKey()).isEqualTo("validation.plugin.url-internal");
                            }));
        }
    }

    @Test
    void an_address_that_turned_internal_is_refused_when_connecting_and_a_redirect_there_is_not_followed()
            throws Exception {
        List<String> reachedInside = new CopyOnWriteArrayList<>();
        HttpServer inside = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        inside.createContext("/", exchange -> {
            reachedInside.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        inside.start();
        String internalUrl = "http://127.0.0.2:" + inside.getAddress().getPort() + "/metadata";
        HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redirecting.createContext("/hook", exchange -> {
            exchange.getResponseHeaders().add("Location", internalUrl);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirecting.start();
        // stored as if its name had resolved to a public address when it was entered (DNS rebinding)
        long me = data.asAdmin(() -> users.current().id());
        long turned = records.insert("webhooks", "target", Map.of("url", internalUrl, "secret", SECRET,
                "events", "opportunity.won"), java.time.OffsetDateTime.now(clock), me);
        PluginRecord redirect = data.asAdmin(() -> settings.save("webhooks", "target", null, null, Map.of(
                "url", "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/hook",
                "secret", SECRET, "events", "opportunity.won")));
        try {
            Org company = data.organisation();
            Opportunity deal = data.opportunityOf(company.eastRep(), data.pipeline());

            as(company.eastRep().username(), () -> closing.win(deal.id(), deal.version(), new BigDecimal("5000"),
                    LocalDate.now(clock)));

            List<PluginLogLine> log = awaitLog(deal, 3);
            assertThat(log).filteredOn(line -> line.target().equals(internalUrl)).singleElement()
                    .satisfies(line -> {
                        assertThat(line.status()).isEqualTo("FAILED");
                        assertThat(line.detail()).contains("refused", "127.0.0.2", "loopback");
                    });
            assertThat(log).filteredOn(line -> line.target().endsWith(redirecting.getAddress().getPort() + "/hook"))
                    .first().satisfies(line -> assertThat(line.code()).isEqualTo(302));
            Thread.sleep(500);
            assertThat(reachedInside).isEmpty();
        } finally {
            data.asAdmin(() -> {
                settings.delete("webhooks", redirect.id(), redirect.version());
                settings.delete("webhooks", turned, 0);
                return null;
            });
            inside.stop(0);
            redirecting.stop(0);
        }
    }

    @Test
    void the_signing_secret_is_stored_sealed_and_one_stored_in_plain_text_is_sealed_at_start_up() {
        assertThat(rawData(target.id())).contains("enc:v1:").doesNotContain(SECRET);

        long me = data.asAdmin(() -> users.current().id());
        long legacy = records.insert("webhooks", "target", Map.of("url", "http://127.0.0.1:9/legacy",
                "secret", "whsec-stored-in-plain-text", "events", "opportunity.won"),
                java.time.OffsetDateTime.now(clock), me);
        try {
            assertThat(rawData(legacy)).contains("whsec-stored-in-plain-text");

            assertThat(settings.sealStoredSecrets("webhooks")).isEqualTo(1);

            assertThat(rawData(legacy)).contains("enc:v1:").doesNotContain("whsec-stored-in-plain-text");
            assertThat(settings.sealStoredSecrets("webhooks")).isZero();
        } finally {
            data.asAdmin(() -> {
                settings.delete("webhooks", legacy, 0);
                return null;
            });
        }
    }

    private String rawData(long recordId) {
        return jdbc.queryForObject("select data from plugin_record where id = ?", String.class, recordId);
    }

    @Test
    void the_secret_is_never_shown_back_nor_written_to_the_audit_trail() {
        List<PluginRecord> records = data.asAdmin(() -> settings.records("webhooks", "target"));
        assertThat(records).filteredOn(r -> r.id() == target.id()).singleElement()
                .extracting(r -> r.values().get("secret")).isEqualTo(PluginSettingsService.MASK);
        var trail = data.asAdmin(() -> audit.find(new dev.funnel.audit.AuditFilter(null, null, "admin",
                "plugin.record.created"), dev.funnel.platform.PageRequest.of(0, 50)).items());
        assertThat(trail).filteredOn(entry -> entry.targetId().equals(Long.toString(target.id()))).singleElement()
                .satisfies(entry -> assertThat(entry.details()).contains("url=http://127.0.0.1:")
                        .contains("secret=" + PluginSettingsService.MASK).doesNotContain(SECRET));
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
