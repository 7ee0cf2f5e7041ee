package dev.funnel.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Makes a fresh test database hand out ids the way a database in production does: far from 1, and different in
 * every table, so that code which only works for small ids (a boxed {@code Long} compared with {@code ==} holds
 * for -128..127 only) or mixes one table's ids with another's fails in the tests instead of at the customer.
 *
 * <p>Registered for every Spring application the tests start (META-INF/spring.factories). It runs after Liquibase
 * and before any application runner (the administrator's account, the demo company) writes a row, and leaves a
 * sequence alone once it has moved past its start, so a second context on the same database changes nothing.
 */
public class IdsFarFromOne implements ApplicationListener<ApplicationStartedEvent> {

    /** The first table's ids start here; each further table a million and a prime further on. */
    static final long FIRST_START = 100_000;
    static final long STEP = 1_000_003;

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        if (event.getApplicationContext().getBeanNamesForType(DataSource.class).length == 0) {
            return;
        }
        DataSource dataSource = event.getApplicationContext().getBean(DataSource.class);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> sequences = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "select quote_ident(schemaname) || '.' || quote_ident(sequencename) from pg_sequences "
                            + "where schemaname = current_schema() order by sequencename")) {
                while (rows.next()) {
                    sequences.add(rows.getString(1));
                }
            }
            for (int i = 0; i < sequences.size(); i++) {
                long start = FIRST_START + i * STEP;
                statement.execute("select setval('" + sequences.get(i) + "', " + start + ", false) "
                        + "where (select last_value from " + sequences.get(i) + ") < " + start);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not move the test database's ids away from 1", e);
        }
    }
}
