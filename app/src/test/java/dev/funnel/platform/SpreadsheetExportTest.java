package dev.funnel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.platform.SpreadsheetExport.Format;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Exports open safely and exactly in a spreadsheet: formulas typed into records never run. */
class SpreadsheetExportTest {

    record Deal(String name, BigDecimal amount, LocalDate close, OffsetDateTime created) {
    }

    static final List<ExportColumn<Deal>> COLUMNS = List.of(new ExportColumn<>("名称", Deal::name),
            new ExportColumn<>("金额", Deal::amount), new ExportColumn<>("预计成交", Deal::close),
            new ExportColumn<>("创建于", Deal::created));
    static final List<Deal> DEALS = List.of(
            new Deal("=cmd|' /C calc'!A0", new BigDecimal("1250000.50"), LocalDate.of(2026, 12, 31),
                    OffsetDateTime.of(2026, 11, 26, 2, 30, 0, 0, ZoneOffset.UTC)),
            new Deal("@SUM(1+1), \"quoted\"\nsecond line", new BigDecimal("-3.20"), null, null),
            new Deal("+86 755 8888 6666", null, null, null));
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void csv_is_utf8_with_bom_quoted_exact_and_formulas_are_neutralised() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SpreadsheetExport.write(Format.CSV, COLUMNS, DEALS, SHANGHAI, out);
        byte[] bytes = out.toByteArray();
        assertThat(bytes[0] & 0xFF).isEqualTo(0xEF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();

        assertThat(records.get(0).values()).containsExactly("名称", "金额", "预计成交", "创建于");
        assertThat(records.get(1).values()).containsExactly("'=cmd|' /C calc'!A0", "1250000.50", "2026-12-31",
                "2026-11-26 10:30");
        assertThat(records.get(2).get(0)).isEqualTo("'@SUM(1+1), \"quoted\"\nsecond line");
        assertThat(records.get(2).get(1)).isEqualTo("-3.20");
        assertThat(records.get(3).get(0)).isEqualTo("'+86 755 8888 6666");
    }

    @Test
    void xlsx_keeps_numbers_and_dates_typed_and_formula_like_text_as_text_without_an_apostrophe() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SpreadsheetExport.write(Format.XLSX, COLUMNS, DEALS, SHANGHAI, out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Row first = workbook.getSheetAt(0).getRow(1);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("=cmd|' /C calc'!A0");
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(first.getCell(0).getCellStyle().getQuotePrefixed()).as("stored as typed text").isTrue();
            assertThat(first.getCell(1).getNumericCellValue()).isEqualTo(1250000.50);
            assertThat(first.getCell(2).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 31));
            assertThat(first.getCell(3).getLocalDateTimeCellValue().getHour()).isEqualTo(10);
            assertThat(workbook.getSheetAt(0).getRow(2).getCell(1).getNumericCellValue()).isEqualTo(-3.2);
        }
    }
}
