package dev.funnel.jooq.binding;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.impl.SQLDataType;

/**
 * How every {@code timestamp with time zone} column is read (the code generator's forced type in app/pom.xml): as
 * the driver's own value, then at the offset of the server's time zone, as jOOQ's default reading gave it.
 *
 * <p>jOOQ's default asks the driver for text, which the driver formats from PostgreSQL's binary value and jOOQ
 * parses again: a quarter of the time spent reading a page of 50 deals. Asking for the value itself
 * ({@code getObject(i, OffsetDateTime.class)}) answers it at UTC; putting it back at the server's offset keeps what
 * callers see unchanged, so that a moment's day ({@code toLocalDate()}) and the API's JSON stay the server's, as
 * the database's own day arithmetic is (its session's time zone is the server's). Writing and rendering stay
 * jOOQ's default.
 */
public final class ServerOffsetBinding implements Binding<OffsetDateTime, OffsetDateTime> {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unchecked")
    private static final Binding<OffsetDateTime, OffsetDateTime> DEFAULT =
            (Binding<OffsetDateTime, OffsetDateTime>) SQLDataType.TIMESTAMPWITHTIMEZONE.getBinding();

    @Override
    public Converter<OffsetDateTime, OffsetDateTime> converter() {
        return DEFAULT.converter();
    }

    @Override
    public void sql(BindingSQLContext<OffsetDateTime> ctx) throws SQLException {
        DEFAULT.sql(ctx);
    }

    @Override
    public void register(BindingRegisterContext<OffsetDateTime> ctx) throws SQLException {
        DEFAULT.register(ctx);
    }

    @Override
    public void set(BindingSetStatementContext<OffsetDateTime> ctx) throws SQLException {
        DEFAULT.set(ctx);
    }

    @Override
    public void set(BindingSetSQLOutputContext<OffsetDateTime> ctx) throws SQLException {
        DEFAULT.set(ctx);
    }

    @Override
    public void get(BindingGetResultSetContext<OffsetDateTime> ctx) throws SQLException {
        ctx.value(atServerOffset(ctx.resultSet().getObject(ctx.index(), OffsetDateTime.class)));
    }

    @Override
    public void get(BindingGetStatementContext<OffsetDateTime> ctx) throws SQLException {
        DEFAULT.get(ctx);
    }

    @Override
    public void get(BindingGetSQLInputContext<OffsetDateTime> ctx) throws SQLException {
        DEFAULT.get(ctx);
    }

    /** The same instant at the server zone's offset; PostgreSQL's ±infinity (the driver's MAX and MIN) as is. */
    public static OffsetDateTime atServerOffset(OffsetDateTime value) {
        if (value == null || value.equals(OffsetDateTime.MAX) || value.equals(OffsetDateTime.MIN)) {
            return value;
        }
        return value.atZoneSameInstant(ZoneId.systemDefault()).toOffsetDateTime();
    }
}
