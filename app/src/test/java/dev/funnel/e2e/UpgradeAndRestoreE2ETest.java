package dev.funnel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.testsupport.TestDatabaseSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An installation of the previous release, with the demo company and a webhook secret stored in plain text as
 * that release stored it, is upgraded by starting the current jar on it: nothing is lost and the secret is sealed.
 * Then the documented backup (pg_dump) is restored (pg_restore) into a new database, and Funnel started on it
 * has the same company.
 */
class UpgradeAndRestoreE2ETest {

    /** The first change set of the current release; everything before it is the previous release's schema. */
    static final String FIRST_OF_RELEASE = "1.7-audit-event";
    static final List<String> TABLES = List.of("app_user", "team", "customer", "contact", "opportunity",
            "stage_history", "activity", "task", "sales_order", "payment", "service_request", "sales_target",
            "registration_request", "notification", "opportunity_line");

    final String previous = "funnel_upgrade_" + Long.toHexString(System.nanoTime());
    final String restored = previous + "_restored";
    RunningApp app;

    @Test
    void the_previous_release_upgrades_without_loss_and_a_backup_restores_into_a_working_funnel()
            throws Exception {
        app = start(previous, "true");
        app.awaitLog(Duration.ofMinutes(3), "Seeded demo data");
        app.close();
        try (Connection db = connect(previous); Liquibase liquibase = liquibase(db)) {
            liquibase.rollback(changeSetsSince(db, FIRST_OF_RELEASE), (String) null);
            assertThat(changeSetsSince(db, FIRST_OF_RELEASE)).isZero();
            try (Statement sql = db.createStatement()) {
                sql.executeUpdate("insert into plugin_record (plugin_id, kind, data, created_at, created_by, "
                        + "updated_at, updated_by) select 'webhooks', 'target', '{\"url\":\"http://127.0.0.1:9/old\","
                        + "\"secret\":\"whsec-plain-from-the-last-release\",\"events\":\"opportunity.won\"}', now(), "
                        + "id, now(), id from app_user where username = 'admin'");
            }
        }
        Map<String, Long> before = counts(previous);
        assertThat(before.get("customer")).isPositive();

        app = start(previous, "false");
        app.awaitReady(Duration.ofMinutes(3));

        assertThat(counts(previous)).isEqualTo(before);
        assertThat(single(previous, "select data from plugin_record where plugin_id = 'webhooks'"))
                .contains("enc:v1:").doesNotContain("whsec-plain-from-the-last-release");
        assertThat(single(previous, "select count(*) from audit_event")).isNotNull();
        assertThat(me("rep01:demo")).isEqualTo(200);
        app.close();
        app = null;

        Path dump = Files.createTempFile("funnel-backup", ".dump");
        run("pg_dump", "-Fc", "-h", host(), "-p", port(), "-U", TestDatabaseSession.user(), "-d", previous,
                "-f", dump.toString());
        try (Statement server = connect("postgres").createStatement()) {
            server.execute("create database " + restored);
        }
        run("pg_restore", "-h", host(), "-p", port(), "-U", TestDatabaseSession.user(), "-d", restored,
                "--no-owner", dump.toString());
        Files.delete(dump);

        app = start(restored, "false");
        app.awaitReady(Duration.ofMinutes(3));
        assertThat(counts(restored)).isEqualTo(before);
        assertThat(me("rep01:demo")).isEqualTo(200);
        assertThat(app.output()).doesNotContain("cannot be opened with this key");
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        TestDatabaseSession.drop(previous);
        TestDatabaseSession.drop(restored);
    }

    private static RunningApp start(String database, String demo) throws IOException {
        return RunningApp.start(Map.of("FUNNEL_DB_URL", TestDatabaseSession.serverUrl() + database,
                "FUNNEL_DB_USER", TestDatabaseSession.user(), "FUNNEL_DB_PASSWORD", TestDatabaseSession.password(),
                "FUNNEL_ADMIN_PASSWORD", TestDatabaseSession.ADMIN_PASSWORD, "FUNNEL_DEMO", demo,
                "FUNNEL_SCHEDULER_ENABLED", "false", "FUNNEL_AUTOMATION_CRON", "-"), List.of());
    }

    private int me(String credentials) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/me"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Map<String, Long> counts(String database) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, Long.valueOf(single(database, "select count(*) from " + table)));
        }
        return counts;
    }

    private static String single(String database, String query) throws SQLException {
        try (Connection db = connect(database); Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery(query)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    private static String host() {
        return URI.create(TestDatabaseSession.serverUrl().substring("jdbc:".length())).getHost();
    }

    private static String port() {
        int port = URI.create(TestDatabaseSession.serverUrl().substring("jdbc:".length())).getPort();
        return Integer.toString(port < 0 ? 5432 : port);
    }

    private static int changeSetsSince(Connection connection, String id) throws SQLException {
        try (Statement sql = connection.createStatement();
             ResultSet count = sql.executeQuery("select count(*) from databasechangelog where orderexecuted >= "
                     + "(select min(orderexecuted) from databasechangelog where id = '" + id + "')")) {
            count.next();
            return count.getInt(1);
        }
    }

    private static Liquibase liquibase(Connection connection) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        return new Liquibase("db/changelog/db.changelog-master.xml", new ClassLoaderResourceAccessor(), database);
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(TestDatabaseSession.serverUrl() + database, TestDatabaseSession.user(),
                TestDatabaseSession.password());
    }
}
