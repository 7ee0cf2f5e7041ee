package dev.funnel.plugin.internal;

import static dev.funnel.jooq.Tables.PLUGIN_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.funnel.plugin.PluginRecord;
import dev.funnel.plugin.PluginSettingsService;
import dev.funnel.plugin.api.Delivery;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The host's queue of plugins' deliveries: a destination with a backlog never keeps another waiting, and a
 * plugin that does not answer does not use up its handler's attempts.
 */
class PluginDeliveriesTest extends IntegrationTest {

    static final String SECRET = "whsec-lanes-0123456789";

    @Autowired
    PluginContexts contexts;
    @Autowired
    PluginSettingsService settings;
    @Autowired
    DSLContext db;

    @Test
    void a_destination_with_a_backlog_of_thirty_does_not_keep_another_waiting() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        AtomicReference<Instant> healthyReached = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/stuck", exchange -> {
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/healthy", exchange -> {
            healthyReached.compareAndSet(null, Instant.now());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        List<PluginRecord> targets = List.of(target(base + "/stuck"), target(base + "/healthy"));
        try {
            var webhooks = contexts.contextOf("webhooks");
            String run = TestData.unique("lanes");
            for (int i = 0; i < 30; i++) {
                webhooks.enqueue(delivery(run + "-stuck-" + i, base + "/stuck"));
            }
            Thread.sleep(300);
            Instant queued = Instant.now();
            webhooks.enqueue(delivery(run + "-healthy", base + "/healthy"));

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (healthyReached.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(healthyReached.get()).as("the healthy target got its delivery").isNotNull();
            assertThat(Duration.between(queued, healthyReached.get())).isLessThan(Duration.ofSeconds(2));
        } finally {
            hold.countDown();
            data.asAdmin(() -> {
                targets.forEach(t -> settings.delete("webhooks", t.id(), t.version()));
                return null;
            });
            server.stop(0);
        }
    }

    @Test
    void a_plugin_that_does_not_answer_leaves_its_handlers_attempts_untouched() throws Exception {
        String key = TestData.unique("ghost");
        contexts.contextOf("no-such-plugin").enqueue(delivery(key, "http://127.0.0.1:9/ghost"));

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        var row = db.selectFrom(PLUGIN_DELIVERY).where(PLUGIN_DELIVERY.DELIVERY_KEY.eq(key)).fetchOne();
        while ((row == null || row.getUnanswered() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            row = db.selectFrom(PLUGIN_DELIVERY).where(PLUGIN_DELIVERY.DELIVERY_KEY.eq(key)).fetchOne();
        }

        assertThat(row).isNotNull();
        assertThat(row.getUnanswered()).isEqualTo(1);
        assertThat(row.getAttempts()).as("the handler never ran").isZero();
        assertThat(row.getStatus()).isEqualTo(PluginDeliveryRepository.PENDING);
        assertThat(row.getNextAttemptAt().toInstant()).isAfter(Instant.now().plusSeconds(30));
    }

    private PluginRecord target(String url) {
        return data.asAdmin(() -> settings.save("webhooks", "target", null, null, Map.of(
                "url", url, "secret", SECRET, "events", "opportunity.won")));
    }

    private static Delivery delivery(String key, String url) {
        return new Delivery(key, "opportunity.won #" + key, url, Map.of("type", "opportunity.won",
                "occurredAt", Instant.now().toString(), "subjectId", "1", "eventId", key));
    }
}
