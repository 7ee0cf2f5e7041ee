package dev.funnel.platform.internal;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
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

    private DatabaseBootstrap() {
    }

    /** Parsed parts of a {@code jdbc:postgresql://host:port/database?params} URL. */
    record Target(String url, String hostAndPort, String database, String query) {

        static Target parse(String jdbcUrl) {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
                throw new DatabaseUnreachableException(String.valueOf(jdbcUrl), "?",
                        "FUNNEL_DB_URL must look like jdbc:postgresql://host:5432/funnel", null);
            }
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            String hostAndPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ":5432");
            return new Target(jdbcUrl, hostAndPort, path.isEmpty() ? MAINTENANCE_DATABASE : path, uri.getRawQuery());
        }

        String maintenanceUrl() {
            return "jdbc:postgresql://" + hostAndPort + "/" + MAINTENANCE_DATABASE + (query == null ? "" : "?" + query);
        }
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
                throw new DatabaseUnreachableException(target.url(), user, e.getMessage(), e.getSQLState());
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
            log.info("Created database '{}' on {}", target.database(), target.hostAndPort());
        } catch (SQLException e) {
            throw new DatabaseUnreachableException(target.maintenanceUrl(), user,
                    "the database '" + target.database() + "' does not exist and could not be created: " + e.getMessage(),
                    e.getSQLState());
        }
    }
}
