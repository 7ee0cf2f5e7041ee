package dev.funnel.platform.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import dev.funnel.platform.PageRequest;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Lazy grids over a paged service: the grid asks only for the rows it shows, the database counts the rest, and
 * an empty-state message takes the grid's place when there is nothing to show.
 */
public final class PagedGrids {

    private PagedGrids() {
    }

    public static <T> void lazy(Grid<T> grid, Component emptyState, Function<PageRequest, List<T>> rows,
                                LongSupplier count) {
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setItems(query -> rows.apply(PageRequest.ofOffset(query.getOffset(), query.getLimit())).stream(),
                query -> {
                    int total = (int) Math.min(Integer.MAX_VALUE, count.getAsLong());
                    emptyState.setVisible(total == 0);
                    return total;
                });
    }
}
