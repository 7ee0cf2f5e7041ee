package dev.funnel.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.testsupport.TestDatabaseSession;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An administrator who rolls a release back gets a database that works at the earlier release: each release's
 * rollback restores the functions the earlier release's triggers call, instead of dropping one they still need
 * (1.4's rollback once did). Checked on a database of its own, at every release from the newest down to 1.3, and
 * up again.
 */
class ChangelogRollbackTest {

    static final String CHANGELOG = "db/changelog/db.changelog-master.xml";

    final String name = "funnel_rollback_" + Long.toHexString(System.nanoTime());

    @Test
    void rolling_back_release_by_release_leaves_a_working_database_each_time_and_it_upgrades_again()
            throws Exception {
        try (Statement server = connect("postgres").createStatement()) {
            server.execute("create database " + name);
        }
        try (Connection connection = connect(name);
             Liquibase liquibase = liquibase(connection)) {
            liquibase.update(new Contexts());
            assertTheDerivedFiguresWork(connection);

            for (String firstOfRelease : new String[] {"1.10-api-token", "1.8-deal-revision", "1.7-audit-event",
                    "1.6-event-publication", "1.5-exchange-rates", "1.4-stage-entry-stale"}) {
                liquibase.rollback(changeSetsSince(connection, firstOfRelease), (String) null);
                assertThat(changeSetsSince(connection, firstOfRelease)).as("rolled back before " + firstOfRelease)
                        .isZero();
                assertTheDerivedFiguresWork(connection);
            }

            liquibase.update(new Contexts());
            assertTheDerivedFiguresWork(connection);
        }
    }

    /** The ledger's and the deals' statement triggers run, and the summary can be derived again from the view. */
    private static void assertTheDerivedFiguresWork(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.executeUpdate("insert into stage_history (opportunity_id, event, from_stage_id, to_stage_id, "
                    + "changed_by, changed_at) select opportunity_id, event, from_stage_id, to_stage_id, changed_by, "
                    + "changed_at from stage_history where false");
            sql.executeUpdate("update opportunity set amount = amount where false");
            sql.execute("select funnel_refresh_stage_entries(array[]::bigint[])");
            sql.execute("select funnel_rebuild_stage_entries()");
        }
    }

    private static int changeSetsSince(Connection connection, String id) throws SQLException {
        try (Statement sql = connection.createStatement();
             ResultSet count = sql.executeQuery("select count(*) from databasechangelog where orderexecuted >= "
                     + "(select min(orderexecuted) from databasechangelog where id = '" + id + "')")) {
            count.next();
            return count.getInt(1);
        }
    }

    @AfterEach
    void dropTheDatabase() {
        TestDatabaseSession.drop(name);
    }

    private static Liquibase liquibase(Connection connection) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        return new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(TestDatabaseSession.serverUrl() + database, TestDatabaseSession.user(),
                TestDatabaseSession.password());
    }
}
