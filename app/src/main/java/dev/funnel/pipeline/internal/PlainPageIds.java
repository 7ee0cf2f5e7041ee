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

/**
 * The ids of one page of a plain list of deals ({@link PlainFilter}), most recently changed or most likely to be won
 * first: every page the REST API and the lists show without a search asks it. Its statement is rendered by jOOQ once
 * per shape and order and run straight through JDBC; built and rendered through jOOQ per page it took an eighth of
 * the server's CPU for a page of deals (issue 17).
 */
final class PlainPageIds {

    private record Shape(PlainFilter filter, boolean mostLikelyFirst) {
    }

    private final DSLContext db;
    private final Map<Shape, String> rendered = new ConcurrentHashMap<>();

    PlainPageIds(DSLContext db) {
        this.db = db;
    }

    /** The order of a list that is not an incremental sync, by its filter. */
    static List<SortField<?>> order(boolean mostLikelyFirst) {
        return mostLikelyFirst
                ? List.of(OPPORTUNITY.WIN_PROBABILITY.desc().nullsLast(), OPPORTUNITY.ID.desc())
                : List.of(OPPORTUNITY.UPDATED_AT.desc(), OPPORTUNITY.ID.desc());
    }

    /** The page's ids in the list's order; the filter must be plain and not a sync. */
    List<Long> ids(VisibleScope scope, OpportunityFilter filter, PageRequest page) {
        PlainFilter plain = PlainFilter.of(scope, filter);
        String sql = rendered.computeIfAbsent(new Shape(plain, filter.mostLikelyFirst()), this::render);
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int next = plain.bind(statement, plain.owners(connection, scope), 1, filter);
                statement.setInt(next++, page.size());
                statement.setLong(next, page.offset());
                List<Long> ids = new ArrayList<>(page.size());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
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
