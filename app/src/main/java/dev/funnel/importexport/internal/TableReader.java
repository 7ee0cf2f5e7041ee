package dev.funnel.importexport.internal;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads an uploaded file into a {@link Table}. What the file is comes from its content, not its name: a ZIP is
 * an XLSX workbook (first sheet), an OLE2 document is the old XLS format (refused with a hint), anything with
 * NUL bytes is not text; the rest is CSV in UTF-8 (with or without BOM) or GBK, detected or as the user chose.
 *
 * <p>Both formats are read as a stream, a row at a time: a workbook through POI's SAX reader from a temporary
 * file, never as a document tree, and CSV through a decoding reader, never as one string. The first reading
 * checks the whole file (its shape and the {@link Limits}) and keeps only the header, the row count and a
 * sample; the import reads the rows again when it needs them.
 */
public final class TableReader {

    public static final Charset GBK = Charset.forName("GBK");
    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int SAMPLE = 10;

    /**
     * What a file may hold. The characters are counted over all cells, so a small workbook that unpacks to
     * far more text (repeated shared strings) is refused before it is held.
     */
    public record Limits(int maxRows, long maxCharacters) {

        public static final Limits NONE = new Limits(Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    private TableReader() {
    }

    /** @param chosen the encoding the user picked, or null to detect it (CSV only) */
    public static Table read(byte[] content, Charset chosen) {
        return read(content, chosen, Limits.NONE);
    }

    /** @param chosen the encoding the user picked, or null to detect it (CSV only) */
    public static Table read(byte[] content, Charset chosen, Limits limits) {
        if (content.length == 0) {
            throw new FileRefusedException(null, "import.file.empty");
        }
        if (startsWith(content, 0x50, 0x4B, 0x03, 0x04)) {
            return firstReading(XlsxSource.open(content, limits), null, limits);
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new FileRefusedException(null, "import.file.xls");
        }
        for (int i = 0; i < Math.min(content.length, 8192); i++) {
            if (content[i] == 0) {
                throw new FileRefusedException(null, "import.file.not-table");
            }
        }
        CsvSource csv = CsvSource.of(content, chosen);
        return firstReading(csv, csv.charset.name(), limits);
    }

    /** Reads the whole file once: the header, the row count, the sample, and every check of its shape. */
    private static Table firstReading(Table.Source source, String encoding, Limits limits) {
        try {
            List<String> headers = new ArrayList<>();
            List<Table.Row> sample = new ArrayList<>();
            int[] rows = {-1};
            long[] characters = {0};
            source.rows((number, cells) -> {
                for (String cell : cells) {
                    characters[0] += cell == null ? 0 : cell.length();
                }
                if (characters[0] > limits.maxCharacters()) {
                    throw new FileRefusedException(number, "import.file.too-much-text", limits.maxCharacters());
                }
                if (rows[0] < 0) {
                    headers.addAll(headers(cells));
                } else {
                    widthChecked(cells, headers.size(), number);
                    if (rows[0] >= limits.maxRows()) {
                        throw new FileRefusedException(null, "import.file.too-many-rows", limits.maxRows());
                    }
                    if (sample.size() < SAMPLE) {
                        sample.add(new Table.Row(number, cells));
                    }
                }
                rows[0]++;
            });
            if (headers.isEmpty()) {
                throw new FileRefusedException(null, "import.file.empty");
            }
            if (rows[0] <= 0) {
                throw new FileRefusedException(null, "import.file.no-rows");
            }
            return new Table(headers, rows[0], sample, encoding, source);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** CSV, decoded as it is parsed; the encoding was checked over the whole file before. */
    private static final class CsvSource implements Table.Source {

        private final byte[] content;
        private final int offset;
        private final Charset charset;
        private final CSVFormat format;

        private CsvSource(byte[] content, int offset, Charset charset) {
            this.content = content;
            this.offset = offset;
            this.charset = charset;
            this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter(content, offset, charset))
                    .setIgnoreEmptyLines(true).setTrim(true).get();
        }

        static CsvSource of(byte[] content, Charset chosen) {
            boolean bom = startsWith(content, 0xEF, 0xBB, 0xBF);
            int offset = bom ? 3 : 0;
            if (chosen != null) {
                if (!decodes(content, offset, chosen)) {
                    throw new FileRefusedException(null, "import.file.encoding.wrong", chosen.name());
                }
                return new CsvSource(content, offset, chosen);
            }
            if (decodes(content, offset, StandardCharsets.UTF_8)) {
                return new CsvSource(content, offset, StandardCharsets.UTF_8);
            }
            if (bom) {
                throw new FileRefusedException(null, "import.file.encoding.wrong", "UTF-8");
            }
            if (decodes(content, 0, GBK)) {
                return new CsvSource(content, 0, GBK);
            }
            throw new FileRefusedException(null, "import.file.encoding.unknown");
        }

        @Override
        public void rows(Table.RowHandler handler) {
            Reader text = new InputStreamReader(new ByteArrayInputStream(content, offset, content.length - offset),
                    charset);
            long read = 0;
            try (CSVParser parser = CSVParser.parse(text, format)) {
                for (CSVRecord record : parser) {
                    read = record.getRecordNumber();
                    HandlerFailure.call(handler, (int) read, record.values());
                }
            } catch (HandlerFailure e) {
                throw e.getCause();
            } catch (UncheckedIOException | IOException e) {
                // Commons CSV reports an unclosed quote as an I/O problem at the end of the text
                throw new FileRefusedException((int) read + 1, "import.file.quotes");
            }
        }

        @Override
        public void close() {
            // nothing held but the upload itself
        }
    }

    /**
     * An XLSX workbook's first sheet through POI's event API. The package is opened from a temporary file, so
     * POI reads its entries from disk as they are needed instead of unpacking all of them into memory, and
     * checks each entry against a zip bomb as it inflates it.
     */
    private static final class XlsxSource implements Table.Source {

        private final Path file;
        private final OPCPackage workbook;
        private final SharedStrings strings;
        private final StylesTable styles;

        private XlsxSource(Path file, OPCPackage workbook, SharedStrings strings, StylesTable styles) {
            this.file = file;
            this.workbook = workbook;
            this.strings = strings;
            this.styles = styles;
        }

        static XlsxSource open(byte[] content, Limits limits) {
            Path file = null;
            OPCPackage workbook = null;
            try {
                file = Files.createTempFile("funnel-import-", ".xlsx");
                Files.write(file, content);
                workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
                XSSFReader reader = new XSSFReader(workbook);
                InputStream sharedStrings = reader.getSharedStringsData();
                SharedStrings strings = sharedStrings == null ? null : new ReadOnlySharedStringsTable(
                        new Bounded(sharedStrings, limits.maxCharacters()), false);
                return new XlsxSource(file, workbook, strings, reader.getStylesTable());
            } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
                closeQuietly(workbook, file);
                throw refusal(e);
            }
        }

        @Override
        public void rows(Table.RowHandler handler) {
            try {
                Iterator<InputStream> sheets = new XSSFReader(workbook).getSheetsData();
                if (!sheets.hasNext()) {
                    return;
                }
                try (InputStream sheet = sheets.next()) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, new Rows(handler),
                            new PlainFormatter(), false));
                    parser.parse(new InputSource(sheet));
                }
            } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException
                     | RuntimeException e) {
                RuntimeException handlers = HandlerFailure.in(e);
                throw handlers != null ? handlers : refusal(e);
            }
        }

        @Override
        public void close() {
            closeQuietly(workbook, file);
        }

        private static void closeQuietly(OPCPackage workbook, Path file) {
            if (workbook != null) {
                workbook.revert();
            }
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
            }
        }

        /** Why a workbook could not be read, as specific as POI lets us tell. */
        private static FileRefusedException refusal(Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof FileRefusedException refused) {
                    return refused;
                }
                String message = String.valueOf(cause.getMessage());
                if (message.contains("Zip bomb")) {
                    return new FileRefusedException(null, "import.file.xlsx-bomb");
                }
                if (message.contains("DOCTYPE")) {
                    return new FileRefusedException(null, "import.file.xlsx-doctype");
                }
            }
            return new FileRefusedException(null, "import.file.xlsx-broken");
        }
    }

    /**
     * What the caller's row handler threw (the import's own refusal, a database outage), carried through the
     * reader so that it reaches the caller as itself, never as "the file is damaged".
     */
    private static final class HandlerFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private HandlerFailure(RuntimeException cause) {
            super(cause);
        }

        static void call(Table.RowHandler handler, int number, String[] cells) {
            try {
                handler.row(number, cells);
            } catch (RuntimeException e) {
                throw new HandlerFailure(e);
            }
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }

        /** The handler's own exception, if that is what this is (perhaps wrapped by the XML parser). */
        static RuntimeException in(Throwable thrown) {
            for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                if (cause instanceof HandlerFailure failure) {
                    return failure.getCause();
                }
            }
            return null;
        }
    }

    /** Collects a sheet row's cells by column; rows with no text are skipped, as a person would. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        /** Excel's last column, XFD: a cell beyond it is not a workbook Excel wrote, and would be padded to. */
        static final int LAST_COLUMN = 16_383;

        private final Table.RowHandler handler;
        private final List<String> cells = new ArrayList<>();
        private int row;

        Rows(Table.RowHandler handler) {
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            row = rowNum + 1;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : column(reference);
            if (column > LAST_COLUMN) {
                throw new FileRefusedException(row, "import.file.column-beyond-xfd");
            }
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value == null ? "" : value.trim());
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                HandlerFailure.call(handler, rowNum + 1, cells.toArray(String[]::new));
            }
        }

        /** The zero-based column of a reference such as 'AB12'. */
        private static int column(String reference) {
            int column = 0;
            for (int i = 0; i < reference.length() && Character.isLetter(reference.charAt(i)); i++) {
                column = column * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
                if (column > LAST_COLUMN + 1) {
                    return Integer.MAX_VALUE;
                }
            }
            return column - 1;
        }
    }

    /** A number cell as the text a user would type: dates as ISO, numbers without exponent or trailing '.0'. */
    private static final class PlainFormatter extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString,
                                            boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime at = DateUtil.getLocalDateTime(value, use1904Windowing);
                return at.toLocalTime().equals(LocalTime.MIDNIGHT) ? at.toLocalDate().toString()
                        : at.format(ISO_DATE_TIME);
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    /** Refuses a shared-strings part that unpacks to more than the text a file may hold. */
    private static final class Bounded extends FilterInputStream {

        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            // markup counts too, so the part may be somewhat larger than the text it holds
            if (read / 2 > limit) {
                throw new FileRefusedException(null, "import.file.too-much-text", limit);
            }
        }
    }

    private static List<String> headers(String[] cells) {
        List<String> headers = new ArrayList<>();
        for (String cell : cells) {
            headers.add(cell == null ? "" : cell.trim());
        }
        while (!headers.isEmpty() && headers.get(headers.size() - 1).isEmpty()) {
            headers.remove(headers.size() - 1);
        }
        return headers;
    }

    private static void widthChecked(String[] cells, int width, int number) {
        for (int c = width; c < cells.length; c++) {
            if (cells[c] != null && !cells[c].isBlank()) {
                throw new FileRefusedException(number, "import.file.too-many-cells", cells.length, width);
            }
        }
    }

    /** The delimiter that splits the header line most: comma, semicolon (European Excel) or tab. */
    private static char delimiter(byte[] content, int offset, Charset charset) {
        String start = new String(content, offset, Math.min(content.length - offset, 65536), charset);
        int end = start.indexOf('\n');
        String header = end < 0 ? start : start.substring(0, end);
        char best = ',';
        long most = header.chars().filter(c -> c == ',').count();
        for (char candidate : new char[] {';', '\t'}) {
            long count = header.chars().filter(c -> c == candidate).count();
            if (count > most) {
                most = count;
                best = candidate;
            }
        }
        return best;
    }

    /** Whether all the bytes are valid in the charset, checked without holding the text. */
    private static boolean decodes(byte[] content, int offset, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, offset, content.length - offset);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
            out.clear();
            if (result.isUnderflow()) {
                break;
            }
        }
        while (true) {
            CoderResult result = decoder.flush(out);
            out.clear();
            if (result.isUnderflow()) {
                return true;
            }
        }
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
