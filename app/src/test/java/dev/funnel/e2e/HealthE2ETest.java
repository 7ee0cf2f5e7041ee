package dev.funnel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.testsupport.TestDatabaseSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a load balancer and a monitoring system see: while Funnel starts (migrations, the administrator, the
 * demo company) it is not ready and takes no sign-in; then health says UP and nothing more, and Prometheus
 * metrics are there for administrators only.
 */
class HealthE2ETest {

    final String database = "funnel_health_" + Long.toHexString(System.nanoTime());
    final HttpClient http = HttpClient.newHttpClient();
    RunningApp app;

    @Test
    void not_ready_means_no_sign_in_then_health_says_up_only_and_metrics_are_for_administrators()
            throws Exception {
        app = RunningApp.start(Map.of("FUNNEL_DB_URL", TestDatabaseSession.serverUrl() + database,
                "FUNNEL_DB_USER", TestDatabaseSession.user(), "FUNNEL_DB_PASSWORD", TestDatabaseSession.password(),
                "FUNNEL_ADMIN_PASSWORD", TestDatabaseSession.ADMIN_PASSWORD, "FUNNEL_DEMO", "true",
                "FUNNEL_SCHEDULER_ENABLED", "false", "FUNNEL_AUTOMATION_CRON", "-"), List.of());

        List<String> whileStarting = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            Integer readiness = status(get("/actuator/health/readiness", null));
            if (readiness != null && readiness == 200) {
                break;
            }
            if (readiness != null) {
                HttpResponse<String> signIn = get("/api/v1/me", "admin:" + TestDatabaseSession.ADMIN_PASSWORD);
                HttpResponse<String> page = get("/login", null);
                // Readiness only goes from not ready to ready: asked again after the two requests, "not ready"
                // proves both were answered while starting; a sample that straddles the moment of readiness is
                // not evidence either way and is dropped.
                Integer readinessAfter = status(get("/actuator/health/readiness", null));
                boolean stillStarting = readinessAfter != null && readinessAfter != 200;
                if (signIn != null && page != null && stillStarting) {
                    whileStarting.add(signIn.statusCode() + " " + signIn.body() + " | " + page.statusCode());
                }
            }
            Thread.sleep(200);
        }

        assertThat(whileStarting).as("requests answered while the demo company was being made").isNotEmpty()
                .allSatisfy(answer -> assertThat(answer).startsWith("503 ").contains("\"code\":\"starting\"")
                        .endsWith("| 503"));
        assertThat(app.output()).contains("Seeded demo data");
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"UP\"")
                .doesNotContain("components", "details", "db", "diskSpace", "postgres");
        assertThat(get("/actuator/health/liveness", null).body()).contains("UP");
        assertThat(get("/api/v1/me", "admin:" + TestDatabaseSession.ADMIN_PASSWORD).statusCode()).isEqualTo(200);

        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "rep01:demo").statusCode()).isEqualTo(403);
        assertThat(get("/actuator/env", "admin:" + TestDatabaseSession.ADMIN_PASSWORD).statusCode())
                .as("nothing but health and metrics is exposed").isEqualTo(404);
        HttpResponse<String> metrics = get("/actuator/prometheus", "admin:" + TestDatabaseSession.ADMIN_PASSWORD);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds", "hikaricp_connections_active",
                "jvm_memory_used_bytes", "application=\"funnel\"");
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        TestDatabaseSession.drop(database);
    }

    private static Integer status(HttpResponse<String> response) {
        return response == null ? null : response.statusCode();
    }

    /** The answer, or null while nothing listens yet. */
    private HttpResponse<String> get(String path, String credentials) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException notListening) {
            return null;
        }
    }
}
