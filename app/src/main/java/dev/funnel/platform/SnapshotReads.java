package dev.funnel.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a read on a second connection, at the same time as the caller's own statement, seeing exactly what the
 * caller's transaction sees: the caller exports its snapshot ({@code pg_export_snapshot()}) and the second
 * transaction imports it ({@code SET TRANSACTION SNAPSHOT}), so both statements read the same committed data
 * although they run side by side on two cores. A report made of two independent statements then takes as long
 * as the slower of them, not their sum.
 *
 * <p>Only a read-only transaction at REPEATABLE READ (or SERIALIZABLE) shares its snapshot: its statements all
 * read that one snapshot, and it has written nothing the second transaction could not see. In any other
 * transaction, and whenever no thread or no connection is free at once, the read runs on the caller's connection
 * when its result is asked for, exactly as if it had been written in line. The caller never waits for a second
 * connection from the pool, so a full pool cannot deadlock: the second transaction only counts once it holds
 * its connection, and until then the caller may take the work back.
 */
@Component
public class SnapshotReads implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReads.class);

    /** Two cores here; more side reads than that would only queue on the CPU and hold connections. */
    private static final int SIDE_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final DSLContext db;
    private final DataSource dataSource;
    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, SIDE_THREADS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "funnel-snapshot-read");
                thread.setDaemon(true);
                return thread;
            });

    SnapshotReads(DSLContext db, DataSource dataSource) {
        this.db = db;
        this.dataSource = dataSource;
    }

    /** A read started beside the caller's work; {@link #get()} gives its result. */
    public interface Pending<T> {
        T get();
    }

    /**
     * Starts {@code read} on a second connection sharing the current transaction's snapshot when that is safe
     * and possible at once; otherwise it runs on the caller's connection when {@link Pending#get()} is called.
     * {@code read} must only read.
     */
    public <T> Pending<T> alongside(Function<DSLContext, T> read) {
        if (!sharesSnapshot()) {
            return () -> read.apply(db);
        }
        String snapshot = db.fetchSingle("SELECT pg_export_snapshot()").get(0, String.class);
        SideRead<T> side = new SideRead<>(read, snapshot);
        try {
            threads.execute(side);
        } catch (RejectedExecutionException busy) {
            side.claimForCaller();
        }
        return side;
    }

    private static boolean sharesSnapshot() {
        Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        return TransactionSynchronizationManager.isActualTransactionActive()
               && TransactionSynchronizationManager.isCurrentTransactionReadOnly()
               && isolation != null && isolation >= Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }

    private final class SideRead<T> implements Runnable, Pending<T> {

        private static final int WAITING = 0;
        private static final int STARTED = 1;
        private static final int CALLER = 2;

        private final Function<DSLContext, T> read;
        private final String snapshot;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CompletableFuture<T> result = new CompletableFuture<>();

        SideRead(Function<DSLContext, T> read, String snapshot) {
            this.read = read;
            this.snapshot = snapshot;
        }

        boolean claimForCaller() {
            return state.compareAndSet(WAITING, CALLER);
        }

        @Override
        public void run() {
            try (Connection connection = dataSource.getConnection()) {
                if (!state.compareAndSet(WAITING, STARTED)) {
                    return; // the caller took the work back while this thread waited for the pool
                }
                connection.setAutoCommit(false);
                try {
                    try (Statement setup = connection.createStatement()) {
                        setup.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                        setup.execute("SET TRANSACTION SNAPSHOT " + DSL.inline(snapshot));
                    }
                    result.complete(read.apply(db.configuration()
                            .derive(new DefaultConnectionProvider(connection)).dsl()));
                } finally {
                    connection.rollback();
                }
            } catch (SQLException | RuntimeException failed) {
                result.completeExceptionally(failed);
            }
        }

        @Override
        public T get() {
            if (claimForCaller()) {
                return read.apply(db);
            }
            try {
                return result.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a read beside this one",
                        interrupted);
            } catch (ExecutionException failed) {
                // the read only reads: if the second transaction could not run it (its connection lost, the
                // snapshot gone), the caller's own connection gives the same answer
                LOG.warn("A read beside the caller's failed; running it on the caller's connection",
                        failed.getCause());
                return read.apply(db);
            }
        }
    }
}
