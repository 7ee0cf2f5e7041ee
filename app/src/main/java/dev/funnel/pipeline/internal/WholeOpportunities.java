package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CUSTOMER;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.STAGE;

import dev.funnel.identity.VisibleScope;
import dev.funnel.jooq.binding.ServerOffsetBinding;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A page of opportunities, whole (with their customer's, owner's and stage's names), by id: the rows every list of
 * deals answers, the REST API's above all.
 *
 * <p>The statement is rendered by jOOQ once and its rows are read straight from JDBC into {@link Opportunity}. Built
 * and read through jOOQ per call, rendering the 38 columns and reading them through jOOQ's records took more of the
 * server's time per page than the database did (issue 17: a third of a page's CPU with 20 clients listing deals).
 * The columns are listed once, in the record's order, and read by position in that order.
 */
final class WholeOpportunities {

    /** The columns in the order of {@link Opportunity}'s components; {@link #read(ResultSet)} reads them so. */
    private static final List<Field<?>> COLUMNS = List.of(OPPORTUNITY.ID, OPPORTUNITY.NAME, OPPORTUNITY.CUSTOMER_ID,
            CUSTOMER.NAME, OPPORTUNITY.CONTACT_ID, OPPORTUNITY.OWNER_ID, APP_USER.FULL_NAME, OPPORTUNITY.PIPELINE_ID,
            OPPORTUNITY.STAGE_ID, STAGE.NAME_EN, STAGE.NAME_ZH, STAGE.PROBABILITY, OPPORTUNITY.STAGE_ENTERED_AT,
            OPPORTUNITY.AMOUNT, OPPORTUNITY.CURRENCY, OPPORTUNITY.EXPECTED_CLOSE_DATE, OPPORTUNITY.LEAD_SOURCE,
            OPPORTUNITY.STATUS, OPPORTUNITY.CLOSED_AT, OPPORTUNITY.LOST_REASON, OPPORTUNITY.VERSION,
            OPPORTUNITY.CREATED_AT, OPPORTUNITY.UPDATED_AT, OPPORTUNITY.GRADE, OPPORTUNITY.NEXT_STEP,
            OPPORTUNITY.PRESALES_ID, OPPORTUNITY.ACTUAL_AMOUNT, OPPORTUNITY.ACTUAL_CLOSE_DATE,
            OPPORTUNITY.LOST_COMMENT, STAGE.STALLED_AFTER_DAYS, OPPORTUNITY.COMPANY_AMOUNT,
            OPPORTUNITY.WIN_PROBABILITY);

    private final DSLContext db;
    /** Of any owner: for a caller who sees everyone's deals. */
    private final String byIds;
    /** Of the caller's visible owners only: a deal given away since its id was paged is left out. */
    private final String byIdsOfOwners;

    WholeOpportunities(DSLContext db) {
        this.db = db;
        Field<Long[]> ids = DSL.param("ids", SQLDataType.BIGINT.array());
        Field<Long[]> owners = DSL.param("owners", SQLDataType.BIGINT.array());
        this.byIds = db.render(whole(db).where(OPPORTUNITY.ID.eq(DSL.any(ids))));
        this.byIdsOfOwners = db.render(whole(db).where(OPPORTUNITY.ID.eq(DSL.any(ids)))
                .and(OPPORTUNITY.OWNER_ID.eq(DSL.any(owners))));
    }

    private static SelectOnConditionStep<Record> whole(DSLContext db) {
        return db.select(COLUMNS).from(OPPORTUNITY)
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(OPPORTUNITY.CUSTOMER_ID))
                .join(APP_USER).on(APP_USER.ID.eq(OPPORTUNITY.OWNER_ID))
                .join(STAGE).on(STAGE.ID.eq(OPPORTUNITY.STAGE_ID));
    }

    /** The deals of these ids that the scope sees, in the order of the ids (none for no ids, without a statement). */
    List<Opportunity> read(VisibleScope scope, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Opportunity> found = db.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(scope.everything() ? byIds
                    : byIdsOfOwners)) {
                // bound as bigint[] (not as text, which PostgreSQL would parse again for every row it tests)
                statement.setArray(1, VisibleScope.bigintArray(connection, ids));
                if (!scope.everything()) {
                    statement.setArray(2, scope.ownerArray(connection));
                }
                return readAll(statement);
            }
        });
        List<Opportunity> inOrder = new ArrayList<>(found.size());
        for (Long id : ids) {
            Opportunity deal = found.get(id);
            if (deal != null) {
                inOrder.add(deal);
            }
        }
        return inOrder;
    }

    private static Map<Long, Opportunity> readAll(PreparedStatement statement) throws SQLException {
        Map<Long, Opportunity> found = new HashMap<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Opportunity deal = read(rows);
                found.put(deal.id(), deal);
            }
        }
        return found;
    }

    private static Opportunity read(ResultSet r) throws SQLException {
        return new Opportunity(r.getLong(1), r.getString(2), longOrNull(r, 3), r.getString(4), longOrNull(r, 5),
                r.getLong(6), r.getString(7), r.getLong(8), r.getLong(9), r.getString(10), r.getString(11),
                r.getInt(12), moment(r, 13), r.getBigDecimal(14), r.getString(15), day(r, 16), r.getString(17),
                OpportunityStatus.valueOf(r.getString(18)), moment(r, 19), r.getString(20), r.getInt(21),
                moment(r, 22), moment(r, 23), r.getString(24), r.getString(25), longOrNull(r, 26),
                r.getBigDecimal(27), day(r, 28), r.getString(29), r.getInt(30), r.getBigDecimal(31),
                r.getBigDecimal(32));
    }

    private static Long longOrNull(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    private static LocalDate day(ResultSet r, int column) throws SQLException {
        return r.getObject(column, LocalDate.class);
    }

    /** As every timestamp column reads through jOOQ ({@link ServerOffsetBinding}): at the server zone's offset. */
    private static OffsetDateTime moment(ResultSet r, int column) throws SQLException {
        return ServerOffsetBinding.atServerOffset(r.getObject(column, OffsetDateTime.class));
    }
}
