package dev.funnel.importexport.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads an uploaded file into a {@link Table}. What the file is comes from its content, not its name: a ZIP is
 * an XLSX workbook (first sheet), an OLE2 document is the old XLS format (refused with a hint), anything with
 * NUL bytes is not text; the rest is CSV in UTF-8 (with or without BOM) or GBK, detected or as the user chose.
 */
public final class TableReader {

    public static final Charset GBK = Charset.forName("GBK");
    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TableReader() {
    }

    /** @param chosen the encoding the user picked, or null to detect it (CSV only) */
    public static Table read(byte[] content, Charset chosen) {
        if (content.length == 0) {
            throw new FileRefusedException(null, "import.file.empty");
        }
        if (startsWith(content, 0x50, 0x4B, 0x03, 0x04)) {
            return readXlsx(content);
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new FileRefusedException(null, "import.file.xls");
        }
        for (int i = 0; i < Math.min(content.length, 8192); i++) {
            if (content[i] == 0) {
                throw new FileRefusedException(null, "import.file.not-table");
            }
        }
        return readCsv(content, chosen);
    }

    private static Table readCsv(byte[] content, Charset chosen) {
        boolean bom = startsWith(content, 0xEF, 0xBB, 0xBF);
        int offset = bom ? 3 : 0;
        Charset charset;
        String text;
        if (chosen != null) {
            charset = chosen;
            text = decode(content, offset, chosen);
            if (text == null) {
                throw new FileRefusedException(null, "import.file.encoding.wrong", chosen.name());
            }
        } else if (bom) {
            charset = StandardCharsets.UTF_8;
            text = decode(content, offset, charset);
            if (text == null) {
                throw new FileRefusedException(null, "import.file.encoding.wrong", "UTF-8");
            }
        } else {
            charset = StandardCharsets.UTF_8;
            text = decode(content, 0, charset);
            if (text == null) {
                charset = GBK;
                text = decode(content, 0, charset);
            }
            if (text == null) {
                throw new FileRefusedException(null, "import.file.encoding.unknown");
            }
        }
        if (text.isBlank()) {
            throw new FileRefusedException(null, "import.file.empty");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter(text)).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        List<String> headers = null;
        List<Table.Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                String[] cells = record.values();
                if (headers == null) {
                    headers = headers(cells);
                    continue;
                }
                int number = (int) record.getRecordNumber();
                rows.add(new Table.Row(number, widthChecked(cells, headers.size(), number)));
            }
        } catch (UncheckedIOException | IOException e) {
            // Commons CSV reports an unclosed quote as an I/O problem at the end of the text
            throw new FileRefusedException(rows.size() + 2, "import.file.quotes");
        }
        return finished(headers, rows, charset.name());
    }

    private static Table readXlsx(byte[] content) {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw new FileRefusedException(null, "import.file.empty");
            }
            Sheet sheet = workbook.getSheetAt(0);
            List<String> headers = null;
            List<Table.Row> rows = new ArrayList<>();
            for (org.apache.poi.ss.usermodel.Row row : sheet) {
                int width = Math.max(row.getLastCellNum(), 0);
                String[] cells = new String[width];
                boolean any = false;
                for (int c = 0; c < width; c++) {
                    cells[c] = text(row.getCell(c));
                    any |= !cells[c].isEmpty();
                }
                if (!any) {
                    continue;
                }
                if (headers == null) {
                    headers = headers(cells);
                    continue;
                }
                int number = row.getRowNum() + 1;
                rows.add(new Table.Row(number, widthChecked(cells, headers.size(), number)));
            }
            return finished(headers, rows, null);
        } catch (IOException | RuntimeException e) {
            if (e instanceof FileRefusedException refused) {
                throw refused;
            }
            throw new FileRefusedException(null, "import.file.xlsx-broken");
        }
    }

    /** A cell as the text a user would type: dates as ISO, numbers without exponent or trailing '.0'. */
    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue().trim();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime at = cell.getLocalDateTimeCellValue();
                    yield at.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? at.toLocalDate().toString()
                            : at.format(ISO_DATE_TIME);
                }
                yield BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            }
            default -> "";
        };
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

    private static String[] widthChecked(String[] cells, int width, int number) {
        for (int c = width; c < cells.length; c++) {
            if (cells[c] != null && !cells[c].isBlank()) {
                throw new FileRefusedException(number, "import.file.too-many-cells", cells.length, width);
            }
        }
        return cells;
    }

    private static Table finished(List<String> headers, List<Table.Row> rows, String encoding) {
        if (headers == null || headers.isEmpty()) {
            throw new FileRefusedException(null, "import.file.empty");
        }
        if (rows.isEmpty()) {
            throw new FileRefusedException(null, "import.file.no-rows");
        }
        return new Table(headers, rows, encoding);
    }

    /** The delimiter that splits the header line most: comma, semicolon (European Excel) or tab. */
    private static char delimiter(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
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

    /** The text, or null when the bytes are not valid in the charset. */
    private static String decode(byte[] content, int offset, Charset charset) {
        try {
            CharBuffer chars = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, offset, content.length - offset));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
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
