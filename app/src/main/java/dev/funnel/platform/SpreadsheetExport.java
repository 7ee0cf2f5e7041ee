package dev.funnel.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes rows out as CSV or XLSX. Text that a spreadsheet would run as a formula (starting with =, +, -, @, a
 * tab or a carriage return, such as {@code =cmd|' /C calc'!A0}) is written with a leading apostrophe, so opening
 * an export never executes what someone typed into a record. Amounts and dates stay exact: plain decimals and
 * ISO dates in CSV, numeric and date cells in XLSX.
 */
public final class SpreadsheetExport {

    /** What the file is. */
    public enum Format {
        CSV("text/csv", "csv"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }
    }

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** How many rows SXSSF keeps in memory before flushing to its temporary file. */
    private static final int WINDOW = 200;

    private SpreadsheetExport() {
    }

    /** @param zone the user's time zone, in which instants are written */
    public static <T> void write(Format format, List<ExportColumn<T>> columns, Iterable<T> rows, ZoneId zone,
                                 OutputStream out) {
        try {
            if (format == Format.CSV) {
                csv(columns, rows, zone, out);
            } else {
                xlsx(columns, rows, zone, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Text made safe for a CSV file: a leading apostrophe before anything a spreadsheet would evaluate. XLSX
     * cells are typed, so there the text stays as it is and is marked as text instead.
     */
    public static String neutralized(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }

    /** UTF-8 with a BOM, so that Excel opens Chinese text correctly; CRLF line ends as RFC 4180 says. */
    private static <T> void csv(List<ExportColumn<T>> columns, Iterable<T> rows, ZoneId zone, OutputStream out)
            throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        printer.printRecord(columns.stream().map(c -> neutralized(c.header())).toList());
        for (T row : rows) {
            for (ExportColumn<T> column : columns) {
                printer.print(csvText(column.value().apply(row), zone));
            }
            printer.println();
        }
        printer.flush();
    }

    private static String csvText(Object value, ZoneId zone) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof OffsetDateTime at) {
            return at.atZoneSameInstant(zone).format(DATE_TIME);
        }
        return neutralized(value.toString());
    }

    private static <T> void xlsx(List<ExportColumn<T>> columns, Iterable<T> rows, ZoneId zone, OutputStream out)
            throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        try {
            Sheet sheet = workbook.createSheet();
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            // text a spreadsheet would evaluate is stored as text the way Excel stores what a user typed after an
            // apostrophe: shown as typed, never evaluated, no apostrophe in the cell
            CellStyle text = workbook.createCellStyle();
            text.setQuotePrefixed(true);
            Row header = sheet.createRow(0);
            for (int c = 0; c < columns.size(); c++) {
                text(header.createCell(c), columns.get(c).header(), text);
            }
            int r = 1;
            for (T item : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < columns.size(); c++) {
                    Object value = columns.get(c).value().apply(item);
                    if (value != null) {
                        cell(row.createCell(c), value, zone, date, dateTime, text);
                    }
                }
            }
            workbook.write(out);
        } finally {
            workbook.close();
            workbook.dispose();
        }
    }

    private static void cell(Cell cell, Object value, ZoneId zone, CellStyle date, CellStyle dateTime,
                             CellStyle text) {
        if (value instanceof BigDecimal decimal) {
            cell.setCellValue(decimal.doubleValue());
        } else if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else if (value instanceof Boolean flag) {
            cell.setCellValue(flag);
        } else if (value instanceof LocalDate day) {
            cell.setCellValue(day);
            cell.setCellStyle(date);
        } else if (value instanceof OffsetDateTime at) {
            LocalDateTime local = at.atZoneSameInstant(zone).toLocalDateTime();
            cell.setCellValue(local);
            cell.setCellStyle(dateTime);
        } else {
            text(cell, value.toString(), text);
        }
    }

    private static void text(Cell cell, String value, CellStyle quotePrefixed) {
        cell.setCellValue(value);
        if (!value.equals(neutralized(value))) {
            cell.setCellStyle(quotePrefixed);
        }
    }

    /** The file name for a download: the list's name, the server's day, and the format's extension. */
    public static String fileName(String list, Format format) {
        return list.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-"
                + LocalDate.now(ZoneId.systemDefault()) + "."
                + format.extension();
    }
}
