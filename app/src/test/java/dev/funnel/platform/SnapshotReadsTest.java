package dev.funnel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.testsupport.IntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read beside the caller's own: on a second connection when the caller's transaction has a snapshot to share,
 * seeing exactly that snapshot; on the caller's connection otherwise, and whenever the pool has nothing free.
 */
class SnapshotReadsTest extends IntegrationTest {

    @Autowired
    SnapshotReads snapshots;
    @Autowired
    DSLContext db;
    @Autowired
    HikariDataSource pool;
    @Autowired
    PlatformTransactionManager transactions;

    private final String key = "snapshot-test-" + UUID.randomUUID();

    /** The backend serving the read, and how many rows of this test's key it sees. */
    private Record2<Integer, Integer> whoAndWhat(DSLContext dsl) {
        return dsl.resultQuery("SELECT pg_backend_pid(), (SELECT count(*)::int FROM app_setting WHERE key = {0})",
                org.jooq.impl.DSL.val(key)).coerce(org.jooq.impl.DSL.field("pid", Integer.class),
                org.jooq.impl.DSL.field("n", Integer.class)).fetchSingle();
    }

    private TransactionTemplate readOnly(int isolation) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setReadOnly(true);
        template.setIsolationLevel(isolation);
        return template;
    }

    /** Commits a row of this test's key on a connection of its own, outside the caller's transaction. */
    private void commitRowElsewhere() throws SQLException {
        try (Connection other = pool.getConnection(); Statement insert = other.createStatement()) {
            insert.execute("INSERT INTO app_setting (key, value) VALUES ('" + key + "', 'x')");
        }
    }

    @Test
    void beside_a_repeatable_read_transaction_the_read_runs_on_another_connection_and_sees_the_same_snapshot() {
        List<Record2<Integer, Integer>> seen = readOnly(TransactionDefinition.ISOLATION_REPEATABLE_READ)
                .execute(status -> {
                    Record2<Integer, Integer> before = whoAndWhat(db);
                    try {
                        commitRowElsewhere();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    SnapshotReads.Pending<Record2<Integer, Integer>> beside = snapshots.alongside(this::whoAndWhat);
                    db.execute("SELECT pg_sleep(0.5)"); // the caller's own statement, while the other one starts
                    return List.of(before, beside.get());
                });

        assertThat(seen.get(1).value1()).as("another backend").isNotEqualTo(seen.get(0).value1());
        assertThat(seen.get(1).value2()).as("the row committed after the snapshot is not seen").isZero();
        assertThat(seen.get(0).value2()).isZero();
        assertThat(whoAndWhat(db).value2()).as("yet it is there").isEqualTo(1);
    }

    @Test
    void in_a_read_committed_transaction_the_read_runs_on_the_callers_connection() {
        List<Record2<Integer, Integer>> seen = readOnly(TransactionDefinition.ISOLATION_DEFAULT).execute(status -> {
            Record2<Integer, Integer> before = whoAndWhat(db);
            try {
                commitRowElsewhere();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return List.of(before, snapshots.alongside(this::whoAndWhat).get());
        });

        assertThat(seen.get(1).value1()).isEqualTo(seen.get(0).value1());
        assertThat(seen.get(1).value2()).as("each statement sees what was committed before it").isEqualTo(1);
    }

    @Test
    void with_no_connection_free_the_caller_takes_the_read_back_instead_of_waiting_for_the_pool() {
        List<Connection> held = new ArrayList<>();
        try {
            long started = System.nanoTime();
            List<Record2<Integer, Integer>> seen = readOnly(TransactionDefinition.ISOLATION_REPEATABLE_READ)
                    .execute(status -> {
                        Record2<Integer, Integer> own = whoAndWhat(db);
                        takeEveryFreeConnection(held);
                        return List.of(own, snapshots.alongside(this::whoAndWhat).get());
                    });
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(held).isNotEmpty();
            assertThat(seen.get(1).value1()).as("the caller's own backend").isEqualTo(seen.get(0).value1());
            // a side read that had waited for the pool would have given up only after the pool's timeout
            assertThat(waited).isLessThan(Duration.ofMillis(pool.getConnectionTimeout()));
        } finally {
            held.forEach(SnapshotReadsTest::closeQuietly);
        }
    }

    private void takeEveryFreeConnection(List<Connection> held) {
        while (pool.getHikariPoolMXBean().getIdleConnections() > 0
               || pool.getHikariPoolMXBean().getTotalConnections() < pool.getMaximumPoolSize()) {
            try {
                held.add(pool.getConnection());
            } catch (SQLTransientConnectionException taken) {
                return; // a background job took the last one first: the pool is just as full
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // returned to the pool or already broken; either way no longer held
        }
    }
}
