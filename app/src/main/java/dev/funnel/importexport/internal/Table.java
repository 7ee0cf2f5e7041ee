package dev.funnel.importexport.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A spreadsheet as text: the header, how many data rows follow, the first few of them, and a way to read all
 * of them again. The rows are never all held at once: {@link #forEachRow} reads the file anew each time, so
 * the memory a file takes is bounded by its row, not by its size. {@code number} is the row as a spreadsheet
 * shows it (the header is row 1), which is what error reports name.
 *
 * <p>Close it when done: an XLSX workbook is read from a temporary file.
 */
public final class Table implements AutoCloseable {

    /** Reads every non-empty row of the file, the header first, to the handler. */
    interface Source extends AutoCloseable {

        void rows(RowHandler handler);

        @Override
        void close();
    }

    @FunctionalInterface
    interface RowHandler {

        void row(int number, String[] cells);
    }

    private final List<String> headers;
    private final int rowCount;
    private final List<Row> sample;
    private final String encoding;
    private final Source source;

    Table(List<String> headers, int rowCount, List<Row> sample, String encoding, Source source) {
        this.headers = List.copyOf(headers);
        this.rowCount = rowCount;
        this.sample = List.copyOf(sample);
        this.encoding = encoding;
        this.source = source;
    }

    public List<String> headers() {
        return headers;
    }

    /** The number of data rows; empty rows are not counted. */
    public int rowCount() {
        return rowCount;
    }

    /** The first data rows, for a preview. */
    public List<Row> sample() {
        return sample;
    }

    /** The CSV encoding read, or null for a workbook. */
    public String encoding() {
        return encoding;
    }

    /** Reads the data rows again, in file order. */
    public void forEachRow(Consumer<Row> action) {
        boolean[] header = {true};
        source.rows((number, cells) -> {
            if (header[0]) {
                header[0] = false;
            } else {
                action.accept(new Row(number, cells));
            }
        });
    }

    @Override
    public void close() {
        source.close();
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
