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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL out of reach (a proxy in front of it, cut by the test) is answered as an outage: 503 with a
 * translated message and Retry-After, never 401 "wrong password"; when it is back, Funnel answers again by
 * itself, without a restart.
 */
class DatabaseOutageE2ETest {

    final String database = "funnel_outage_" + Long.toHexString(System.nanoTime());
    CuttableProxy proxy;
    RunningApp app;

    @Test
    void an_outage_answers_503_in_the_callers_language_and_funnel_recovers_by_itself() throws Exception {
        URI server = URI.create(TestDatabaseSession.serverUrl().substring("jdbc:".length()));
        proxy = new CuttableProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
        app = RunningApp.start(Map.of(
                "FUNNEL_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database,
                "FUNNEL_DB_USER", TestDatabaseSession.user(), "FUNNEL_DB_PASSWORD", TestDatabaseSession.password(),
                "FUNNEL_ADMIN_PASSWORD", TestDatabaseSession.ADMIN_PASSWORD,
                "FUNNEL_SCHEDULER_ENABLED", "false", "FUNNEL_AUTOMATION_CRON", "-"), List.of());
        app.awaitReady(Duration.ofMinutes(3));
        assertThat(me("en").statusCode()).isEqualTo(200);

        proxy.cut();

        HttpResponse<String> english = me("en");
        assertThat(english.statusCode()).as(english.body()).isEqualTo(503);
        assertThat(english.headers().firstValue("Retry-After")).isPresent();
        assertThat(english.body()).contains("database_unavailable", "database cannot be reached");
        HttpResponse<String> chinese = me("zh-CN");
        assertThat(chinese.statusCode()).isEqualTo(503);
        assertThat(chinese.body()).contains("暂时无法连接数据库");

        proxy.restore();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int status = 0;
        while (Instant.now().isBefore(deadline) && (status = me("en").statusCode()) != 200) {
            Thread.sleep(500);
        }
        assertThat(status).as("answers again without a restart").isEqualTo(200);
        assertThat(app.output()).doesNotContain("Unexpected error");
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        TestDatabaseSession.drop(database);
    }

    private HttpResponse<String> me(String language) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + TestDatabaseSession.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/me"))
                .header("Authorization", "Basic " + credentials).header("Accept-Language", language)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
