package dev.funnel.identity;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Types;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;

/**
 * A {@code Long[]} bound with {@code setArray} as PostgreSQL's {@code bigint[]}. jOOQ's own binding sends arrays as
 * text with a cast, which PostgreSQL cannot fold into a constant: in a condition it parses the text again for every
 * row it tests (6 ms for a page of deals of a manager of 200 people, against 0.5 ms bound as an array).
 */
final class BigintArrayBinding implements Binding<Long[], Long[]> {

    private static final long serialVersionUID = 1L;

    private static final Converter<Long[], Long[]> SAME = Converter.of(Long[].class, Long[].class, ids -> ids,
            ids -> ids);

    @Override
    public Converter<Long[], Long[]> converter() {
        return SAME;
    }

    @Override
    public void sql(BindingSQLContext<Long[]> ctx) {
        ctx.render().sql("cast(").sql(ctx.variable()).sql(" as bigint[])");
    }

    @Override
    public void register(BindingRegisterContext<Long[]> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(), Types.ARRAY);
    }

    @Override
    public void set(BindingSetStatementContext<Long[]> ctx) throws SQLException {
        if (ctx.value() == null) {
            ctx.statement().setNull(ctx.index(), Types.ARRAY);
        } else {
            ctx.statement().setArray(ctx.index(), VisibleScope.bigintArray(ctx.statement().getConnection(),
                    java.util.Arrays.asList(ctx.value())));
        }
    }

    @Override
    public void set(BindingSetSQLOutputContext<Long[]> ctx) throws SQLException {
        throw new SQLException("bigint[] is not written to SQL output");
    }

    @Override
    public void get(BindingGetResultSetContext<Long[]> ctx) throws SQLException {
        ctx.value(ids(ctx.resultSet().getArray(ctx.index())));
    }

    @Override
    public void get(BindingGetStatementContext<Long[]> ctx) throws SQLException {
        ctx.value(ids(ctx.statement().getArray(ctx.index())));
    }

    @Override
    public void get(BindingGetSQLInputContext<Long[]> ctx) throws SQLException {
        throw new SQLException("bigint[] is not read from SQL input");
    }

    private static Long[] ids(Array array) throws SQLException {
        return array == null ? null : (Long[]) array.getArray();
    }
}
