package dev.funnel.platform.internal;

/** PostgreSQL could not be reached or the database could not be created; start-up cannot go on. */
class DatabaseUnreachableException extends RuntimeException {

    private final String url;
    private final String user;
    private final String sqlState;

    DatabaseUnreachableException(String url, String user, String reason, String sqlState) {
        super(reason);
        this.url = url;
        this.user = user;
        this.sqlState = sqlState;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    boolean isAuthenticationFailure() {
        return sqlState != null && sqlState.startsWith("28");
    }
}
