package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.OPPORTUNITY;

import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.OpportunityFilter;
import dev.funnel.platform.PageRequest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.postgresql.PGStatement;

/**
 * The ids of one page of a plain list of deals ({@link PlainFilter}), most recently changed or most likely to be won
 * first, with the list's total: every page the REST API and the lists show without a search asks them. Its statement is rendered by jOOQ once
 * per shape and order and run straight through JDBC; built and rendered through jOOQ per page it took an eighth of
 * the server's CPU for a page of deals (issue 17).
 */
final class PlainPageIds {

    private record Shape(PlainFilter filter, boolean mostLikelyFirst) {
    }

    private final DSLContext db;
    private final TalliedCount tallied;
    private final Map<Shape, String> rendered = new ConcurrentHashMap<>();

    PlainPageIds(DSLContext db, TalliedCount tallied) {
        this.db = db;
        this.tallied = tallied;
    }

    /** The order of a list that is not an incremental sync, by its filter. */
    static List<SortField<?>> order(boolean mostLikelyFirst) {
        return mostLikelyFirst
                ? List.of(OPPORTUNITY.WIN_PROBABILITY.desc().nullsLast(), OPPORTUNITY.ID.desc())
                : List.of(OPPORTUNITY.UPDATED_AT.desc(), OPPORTUNITY.ID.desc());
    }

    /** A page's ids in the list's order, and how many deals the list has in all. */
    record IdsAndTotal(List<Long> ids, long total) {
    }

    /**
     * The page's ids in the list's order and the list's total ({@link TalliedCount}) in one round trip to the
     * database: the driver sends both statements before it waits for either (issue 17: each round trip cost a
     * sixth of a page's CPU, the database's and the server's waking alike). The filter must be plain and not a sync.
     */
    IdsAndTotal idsAndTotal(VisibleScope scope, OpportunityFilter filter, PageRequest page) {
        PlainFilter plain = PlainFilter.of(scope, filter);
        String ids = rendered.computeIfAbsent(new Shape(plain, filter.mostLikelyFirst()), this::render);
        String both = ids + ";\n" + tallied.sql(plain);
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(both)) {
                // both planned with this call's owners every time: the ids so that a rep's page and a manager's each
                // get their own plan (PostgreSQL chose a custom plan every time anyway), the total as TalliedCount's
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                java.sql.Array owners = plain.owners(connection, scope);
                int next = plain.bind(statement, owners, 1, filter);
                statement.setInt(next++, page.size());
                statement.setLong(next++, page.offset());
                TalliedCount.bind(statement, plain, owners, next, filter);
                statement.execute();
                List<Long> found = new ArrayList<>(page.size());
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        found.add(rows.getLong(1));
                    }
                }
                if (!statement.getMoreResults()) {
                    throw new IllegalStateException("the driver answered the page's ids without its total");
                }
                try (ResultSet sum = statement.getResultSet()) {
                    return new IdsAndTotal(found, TalliedCount.total(sum));
                }
            }
        });
    }

    private String render(Shape shape) {
        // LIMIT and OFFSET written here, in this order, so that their parameters come last and in a known order
        return db.render(db.select(OPPORTUNITY.ID).from(OPPORTUNITY)
                .where(shape.filter().keys(OPPORTUNITY.OWNER_ID, OPPORTUNITY.PIPELINE_ID, OPPORTUNITY.STAGE_ID,
                        OPPORTUNITY.STATUS))
                .orderBy(order(shape.mostLikelyFirst()))) + " limit ? offset ?";
    }
}
