package dev.funnel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.funnel.testsupport.TestDatabaseSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook delivery survives the app being killed: the production jar, a real process, is killed with SIGKILL
 * after a customer was created and committed but before the receiver accepted the webhook; after a restart the
 * receiver gets it, signed, and accepts it exactly once.
 */
class WebhookCrashE2ETest {

    static final String SECRET = "whsec-crash-0123456789";
    static final Pattern DELIVERY_ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    final String database = "funnel_crash_" + Long.toHexString(System.nanoTime());
    final String url = TestDatabaseSession.serverUrl() + database;
    final List<String> refused = new CopyOnWriteArrayList<>();
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final AtomicBoolean accepting = new AtomicBoolean(false);
    HttpServer receiver;
    RunningApp app;

    @Test
    void a_delivery_waiting_when_the_app_is_killed_arrives_once_after_the_restart() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Funnel-Signature");
            String json = new String(body, StandardCharsets.UTF_8);
            Matcher id = DELIVERY_ID.matcher(json);
            boolean genuine = signature != null && signature.equals("sha256=" + hmac(body)) && id.find();
            if (genuine && accepting.get()) {
                accepted.add(id.group(1) + " " + json);
                exchange.sendResponseHeaders(200, -1);
            } else {
                refused.add(genuine ? id.group(1) : "unsigned");
                exchange.sendResponseHeaders(503, -1);
            }
            exchange.close();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        Map<String, String> environment = Map.of("FUNNEL_DB_URL", url,
                "FUNNEL_DB_USER", TestDatabaseSession.user(), "FUNNEL_DB_PASSWORD", TestDatabaseSession.password(),
                "FUNNEL_ADMIN_PASSWORD", TestDatabaseSession.ADMIN_PASSWORD,
                "FUNNEL_SCHEDULER_ENABLED", "false", "FUNNEL_AUTOMATION_CRON", "-",
                "FUNNEL_OUTBOUND_ALLOW", "127.0.0.1");
        app = RunningApp.start(environment);
        app.awaitReady(Duration.ofMinutes(3));
        // what an administrator enters in Admin > Plugins > webhooks
        try (Connection db = database(); PreparedStatement insert = db.prepareStatement(
                "insert into plugin_record (plugin_id, kind, data) values ('webhooks', 'target', ?)")) {
            insert.setString(1, "{\"url\":\"" + hook + "\",\"secret\":\"" + SECRET
                    + "\",\"events\":\"customer.created\"}");
            insert.executeUpdate();
        }

        HttpResponse<String> created = post(app, "/api/v1/customers", "{\"name\":\"Crash Test Trading Co.\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        awaitUntil(() -> !refused.isEmpty(), Duration.ofSeconds(20), "the first attempt");
        app.kill();
        assertThat(accepted).isEmpty();
        assertThat(waitingDeliveries()).isEqualTo(1);

        accepting.set(true);
        app = RunningApp.start(environment);
        app.awaitReady(Duration.ofMinutes(3));
        awaitUntil(() -> !accepted.isEmpty(), Duration.ofSeconds(30), "the delivery after the restart");
        Thread.sleep(3000);

        assertThat(accepted).hasSize(1);
        String deliveryId = accepted.get(0).substring(0, accepted.get(0).indexOf(' '));
        assertThat(refused).isNotEmpty().allMatch(deliveryId::equals);
        assertThat(accepted.get(0)).contains("\"type\":\"customer.created\"")
                .contains("\"name\":\"Crash Test Trading Co.\"");
        assertThat(waitingDeliveries()).isZero();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        TestDatabaseSession.drop(database);
    }

    private int waitingDeliveries() throws SQLException {
        try (Connection db = database(); Statement query = db.createStatement();
             ResultSet count = query.executeQuery("select count(*) from plugin_delivery where status = 'PENDING'")) {
            count.next();
            return count.getInt(1);
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(url, TestDatabaseSession.user(), TestDatabaseSession.password());
    }

    private static HttpResponse<String> post(RunningApp app, String path, String json)
            throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString(
                ("admin:" + TestDatabaseSession.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration limit, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + limit + " for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
