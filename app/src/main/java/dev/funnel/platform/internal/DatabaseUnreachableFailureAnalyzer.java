package dev.funnel.platform.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an unreachable database into one clear paragraph instead of a wall of stack traces: where Funnel tried,
 * and the exact ways to fix it. Registered in META-INF/spring.factories.
 */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableException cause) {
        String description = "Funnel could not use its PostgreSQL database at " + cause.url()
                + " as user '" + cause.user() + "': " + cause.getMessage();
        String action = cause.isAuthenticationFailure()
                ? "Check the credentials: set FUNNEL_DB_USER and FUNNEL_DB_PASSWORD to a PostgreSQL role that may "
                        + "log in and create databases (for example: sudo -u postgres psql -c \"ALTER USER postgres "
                        + "PASSWORD 'secret'\")."
                : "Make sure PostgreSQL is running and reachable: on Debian start it with "
                        + "'pg_ctlcluster --skip-systemctl-redirect 15 main start' (or 'systemctl start postgresql'); "
                        + "check it with 'pg_isready -h 127.0.0.1 -p 5432'. If it runs elsewhere, set FUNNEL_DB_URL "
                        + "(for example jdbc:postgresql://dbhost:5432/funnel), FUNNEL_DB_USER and FUNNEL_DB_PASSWORD. "
                        + "The user needs the right to create the database, or create it yourself first.";
        return new FailureAnalysis(description, action, cause);
    }
}
