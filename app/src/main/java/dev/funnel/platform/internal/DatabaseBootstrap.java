package dev.funnel.platform.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the configured database exists before the connection pool and Liquibase touch it: an
 * administrator only needs a running PostgreSQL server, not a hand-made database.
 */
final class DatabaseBootstrap {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBootstrap.class);
    private static final String INVALID_CATALOG_NAME = "3D000";
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)((?:ssl)?password|sslkey|sslpasswordcallback)=[^&]*");

    private DatabaseBootstrap() {
    }

    /**
     * The configured URL as PostgreSQL's own driver reads it (several hosts, defaults, parameters), with the
     * database name and the URL of the server's maintenance database.
     */
    record Target(String url, String database, String maintenanceUrl) {

        static Target parse(String jdbcUrl) {
            Properties parsed = jdbcUrl == null ? null : Driver.parseURL(jdbcUrl, new Properties());
            if (parsed == null) {
                throw new DatabaseUnreachableException(redacted(jdbcUrl), "?",
                        "FUNNEL_DB_URL must look like jdbc:postgresql://host:5432/funnel", null);
            }
            String database = PGProperty.PG_DBNAME.getOrDefault(parsed);
            String[] hosts = PGProperty.PG_HOST.getOrDefault(parsed).split(",", -1);
            String[] ports = PGProperty.PG_PORT.getOrDefault(parsed).split(",", -1);
            StringBuilder servers = new StringBuilder();
            for (int i = 0; i < hosts.length; i++) {
                String host = hosts[i].isBlank() ? "localhost"
                        : hosts[i].contains(":") && !hosts[i].startsWith("[") ? "[" + hosts[i] + "]" : hosts[i];
                servers.append(i == 0 ? "" : ",").append(host).append(':').append(ports[Math.min(i, ports.length - 1)]);
            }
            int query = jdbcUrl.indexOf('?');
            String maintenance = "jdbc:postgresql://" + servers + "/" + MAINTENANCE_DATABASE
                    + (query < 0 ? "" : jdbcUrl.substring(query));
            return new Target(jdbcUrl, database, maintenance);
        }
    }

    /** The URL without passwords, for messages and logs. */
    static String redacted(String jdbcUrl) {
        return jdbcUrl == null ? "(not set)" : SECRET_PARAMETER.matcher(jdbcUrl).replaceAll("$1=***");
    }

    static void ensureDatabaseExists(String jdbcUrl, String user, String password) {
        Target target = Target.parse(jdbcUrl);
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password == null ? "" : password);
        credentials.setProperty("connectTimeout", "5");
        try (Connection ignored = DriverManager.getConnection(target.url(), credentials)) {
            return;
        } catch (SQLException e) {
            if (!INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                throw new DatabaseUnreachableException(redacted(target.url()), user, e.getMessage(), e.getSQLState());
            }
        }
        createDatabase(target, user, credentials);
    }

    private static void createDatabase(Target target, String user, Properties credentials) {
        try (Connection maintenance = DriverManager.getConnection(target.maintenanceUrl(), credentials)) {
            try (PreparedStatement exists = maintenance.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, target.database());
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return; // created meanwhile by another instance
                    }
                }
            }
            try (Statement create = maintenance.createStatement()) {
                create.execute("create database \"" + target.database().replace("\"", "\"\"") + "\"");
            }
            log.info("Created database '{}' on {}", target.database(), redacted(target.maintenanceUrl()));
        } catch (SQLException e) {
            throw new DatabaseUnreachableException(redacted(target.maintenanceUrl()), user,
                    "the database '" + target.database() + "' does not exist and could not be created: " + e.getMessage(),
                    e.getSQLState());
        }
    }
}
