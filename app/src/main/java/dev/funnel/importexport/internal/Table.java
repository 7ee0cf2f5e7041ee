package dev.funnel.importexport.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A spreadsheet read into text: the header and the data rows. {@code number} is the row as a spreadsheet shows
 * it (the header is row 1), which is what error reports name.
 */
public record Table(List<String> headers, List<Row> rows, String encoding) {

    public Table {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
    }

    /** One data row; cells beyond the header's width were refused when reading, missing ones are empty. */
    public record Row(int number, List<String> cells) {

        public Row(int number, String[] cells) {
            this(number, Collections.unmodifiableList(Arrays.asList(cells)));
        }

        public String cell(int column) {
            String cell = column < cells.size() ? cells.get(column) : null;
            return cell == null ? "" : cell;
        }
    }
}
