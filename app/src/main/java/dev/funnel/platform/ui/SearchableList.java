package dev.funnel.platform.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.funnel.platform.ExportColumn;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.ui.PagedGrids;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A list page: title, search, export and a lazy grid, its columns shown and exported alike (the export takes the
 * exact value, the grid the one formatted for reading). The rows come from one service call, so visibility and
 * the search apply to both.
 *
 * @param <T> the row
 */
public class SearchableList<T> extends VerticalLayout {

    private final TextField search = new TextField();
    private final Grid<T> grid = new Grid<>();

    /** A column: header key, what the grid shows, what the export writes. */
    public record Column<T>(String headerKey, Function<T, String> shown, Function<T, ?> exported) {
    }

    public SearchableList(String titleKey, String fileName, String emptyKey, List<Column<T>> columns,
                          BiFunction<String, PageRequest, PageResult<T>> rows) {
        setSizeFull();
        H2 title = new H2(getTranslation(titleKey));
        title.addClassName("funnel-view-title");
        search.setPlaceholder(getTranslation("list.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        ExportMenu<T> export = new ExportMenu<>(fileName, () -> columns.stream()
                .map(c -> new ExportColumn<T>(getTranslation(c.headerKey()), c.exported())).toList(),
                page -> rows.apply(search.getValue(), page).items());
        HorizontalLayout toolbar = new HorizontalLayout(title, search, export);
        toolbar.addClassName("funnel-toolbar");
        toolbar.setWidthFull();
        toolbar.expand(search);
        for (Column<T> column : columns) {
            grid.addColumn(row -> column.shown().apply(row)).setHeader(getTranslation(column.headerKey()))
                    .setAutoWidth(true);
        }
        Span empty = new Span(getTranslation(emptyKey));
        empty.addClassName("funnel-empty-state");
        PagedGrids.lazy(grid, empty, page -> rows.apply(search.getValue(), page).items(),
                () -> rows.apply(search.getValue(), PageRequest.of(0, 1)).total());
        add(toolbar, empty, grid);
        expand(grid);
    }

    public Grid<T> grid() {
        return grid;
    }
}
