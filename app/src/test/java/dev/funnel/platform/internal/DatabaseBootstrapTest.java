package dev.funnel.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.testsupport.TestDatabaseSession;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class DatabaseBootstrapTest {

    @Test
    void a_missing_database_is_created_on_the_server() throws SQLException {
        String name = "funnel_bootstrap_" + System.nanoTime();
        String url = TestDatabaseSession.serverUrl() + name;
        try {
            DatabaseBootstrap.ensureDatabaseExists(url, TestDatabaseSession.user(), TestDatabaseSession.password());
            DatabaseBootstrap.ensureDatabaseExists(url, TestDatabaseSession.user(), TestDatabaseSession.password());

            try (var connection = DriverManager.getConnection(url, TestDatabaseSession.user(),
                    TestDatabaseSession.password())) {
                assertThat(connection.getCatalog()).isEqualTo(name);
            }
        } finally {
            TestDatabaseSession.drop(name);
        }
    }

    @Test
    void an_unreachable_server_becomes_one_paragraph_saying_where_and_how_to_fix_it() {
        String url = "jdbc:postgresql://127.0.0.1:1/funnel";

        assertThatThrownBy(() -> DatabaseBootstrap.ensureDatabaseExists(url, "postgres", ""))
                .isInstanceOfSatisfying(DatabaseUnreachableException.class, e -> {
                    FailureAnalysis analysis = new DatabaseUnreachableFailureAnalyzer().analyze(e);
                    assertThat(analysis.getDescription()).contains(url).contains("'postgres'");
                    assertThat(analysis.getAction()).contains("pg_ctlcluster").contains("FUNNEL_DB_URL")
                            .contains("FUNNEL_DB_USER").contains("FUNNEL_DB_PASSWORD");
                });
    }

    @Test
    void passwords_in_the_url_never_reach_the_message() {
        assertThatThrownBy(() -> DatabaseBootstrap.ensureDatabaseExists(
                "jdbc:postgresql://127.0.0.1:1/funnel?user=x&password=hunter2&sslmode=disable", "postgres", ""))
                .isInstanceOfSatisfying(DatabaseUnreachableException.class, e -> {
                    FailureAnalysis analysis = new DatabaseUnreachableFailureAnalyzer().analyze(e);
                    assertThat(analysis.getDescription()).doesNotContain("hunter2").contains("password=***")
                            .contains("sslmode=disable");
                });
    }

    @Test
    void several_hosts_and_parameters_keep_their_shape_in_the_maintenance_url() {
        DatabaseBootstrap.Target target = DatabaseBootstrap.Target.parse(
                "jdbc:postgresql://db1:5432,db2:5433/crm?targetServerType=primary");

        assertThat(target.database()).isEqualTo("crm");
        assertThat(target.maintenanceUrl())
                .isEqualTo("jdbc:postgresql://db1:5432,db2:5433/postgres?targetServerType=primary");
        assertThat(DatabaseBootstrap.Target.parse("jdbc:postgresql:///funnel").maintenanceUrl())
                .isEqualTo("jdbc:postgresql://localhost:5432/postgres");
    }

    @Test
    void a_url_that_is_not_postgresql_is_refused_with_the_expected_shape() {
        assertThatThrownBy(() -> DatabaseBootstrap.ensureDatabaseExists("jdbc:mysql://x/y", "u", ""))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("jdbc:postgresql://host:5432/funnel");
    }
}
