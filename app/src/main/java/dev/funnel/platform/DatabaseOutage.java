package dev.funnel.platform;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached from every other failure, so that an outage is answered as one (503,
 * "the database cannot be reached, try again shortly") and not as a wrong password or a defect. The pool
 * reconnects by itself once PostgreSQL is back; nothing has to be restarted.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") // connection exception
                        || sql.getSQLState().equals("57P01") // terminated by an administrator (server stopping)
                        || sql.getSQLState().equals("57P02") // crash shutdown
                        || sql.getSQLState().equals("57P03"))) { // cannot connect now (starting up)
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
