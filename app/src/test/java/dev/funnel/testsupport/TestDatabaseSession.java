package dev.funnel.testsupport;

import java.time.ZoneId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives every test run its own PostgreSQL database, under a unique name, and drops it when the run ends. The app
 * itself creates the database on first connection (as it does on a real installation), so this only names it.
 * The server, user and password come from FUNNEL_DB_URL / FUNNEL_DB_USER / FUNNEL_DB_PASSWORD when set.
 */
public class TestDatabaseSession implements LauncherSessionListener {

    public static final String ADMIN_PASSWORD = "admin-test-password";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String name = "funnel_test_" + LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        System.setProperty("FUNNEL_DB_URL", serverUrl() + name);
        System.setProperty("FUNNEL_DB_USER", user());
        System.setProperty("FUNNEL_DB_PASSWORD", password());
        System.setProperty("FUNNEL_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // the API tests read the OpenAPI description; an installation serves it only when asked to
        System.setProperty("FUNNEL_API_DOCS", "true");
        String dist = System.getProperty("funnel.dist", "target/dist");
        System.setProperty("FUNNEL_PLUGINS_DIR", dist + "/plugins");
        // the automation rules run only when a test runs them: a scheduled run would put reminders into other
        // tests' data at random moments
        System.setProperty("FUNNEL_AUTOMATION_CRON", "-");
        // no scheduled jobs at all: tests run the jobs' work themselves, or start schedulers of their own
        System.setProperty("FUNNEL_SCHEDULER_ENABLED", "false");
        // e-mail goes to the SMTP server the mail tests start on this port (GreenMail)
        System.setProperty("FUNNEL_SMTP_HOST", "127.0.0.1");
        System.setProperty("FUNNEL_SMTP_PORT", Integer.toString(freePort()));
        System.setProperty("FUNNEL_SMTP_STARTTLS", "false");
        System.setProperty("FUNNEL_MAIL_FROM", "funnel@funnel.test");
        // the tests' HTTP receivers listen on 127.0.0.1, which an installation does not reach unless allowed;
        // the other loopback addresses (127.0.0.2, ::1) stay refused, for the tests of that refusal
        System.setProperty("FUNNEL_OUTBOUND_ALLOW", "127.0.0.1/32");
        // plugin secrets are sealed with this run's own key, never with a file beside the test classes
        System.setProperty("FUNNEL_SECRET_KEY", java.util.Base64.getEncoder().encodeToString(
                java.security.SecureRandom.getSeed(32)));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        String url = System.getProperty("FUNNEL_DB_URL");
        if (url != null) {
            drop(url.substring(url.lastIndexOf('/') + 1));
        }
    }

    /** The server part of the URL, ending in '/', from FUNNEL_DB_URL when set. */
    public static String serverUrl() {
        String configured = System.getenv("FUNNEL_DB_URL");
        if (configured == null || configured.isBlank()) {
            return "jdbc:postgresql://localhost:5432/";
        }
        return configured.substring(0, configured.lastIndexOf('/') + 1);
    }

    public static String user() {
        String user = System.getenv("FUNNEL_DB_USER");
        return user == null || user.isBlank() ? "postgres" : user;
    }

    public static String password() {
        String password = System.getenv("FUNNEL_DB_PASSWORD");
        return password == null ? "" : password;
    }

    /** Drops a database of this test run, closing whatever connections are still open to it. */
    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void drop(String database) {
        Properties credentials = new Properties();
        credentials.setProperty("user", user());
        credentials.setProperty("password", password());
        try (Connection connection = DriverManager.getConnection(serverUrl() + "postgres", credentials);
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists \"" + database + "\" with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + database + ": " + e.getMessage());
        }
    }
}
