package dev.funnel.importexport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Files as people really save them: Excel's UTF-8 with BOM, GBK from Chinese Windows, XLSX, and broken ones. */
class TableReaderTest {

    static final String TEXT = "客户名称,城市,金额\n深圳市腾飞科技有限公司,深圳,\"12,500.50\"\n";

    @Test
    void utf8_with_and_without_bom_and_gbk_are_detected() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + utf8.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(utf8, 0, withBom, bom.length, utf8.length);
        for (byte[] file : new byte[][] {utf8, withBom, TEXT.getBytes(TableReader.GBK)}) {
            Table table = TableReader.read(file, null);
            assertThat(table.headers()).containsExactly("客户名称", "城市", "金额");
            assertThat(table.rowCount()).isEqualTo(1);
            assertThat(table.sample().get(0).cells()).containsExactly("深圳市腾飞科技有限公司", "深圳", "12,500.50");
            assertThat(table.sample().get(0).number()).isEqualTo(2);
        }
        assertThat(TableReader.read(TEXT.getBytes(TableReader.GBK), null).encoding()).isEqualTo("GBK");
    }

    @Test
    void a_chosen_encoding_that_does_not_fit_is_refused_by_name() {
        assertThatThrownBy(() -> TableReader.read(TEXT.getBytes(TableReader.GBK), StandardCharsets.UTF_8))
                .isInstanceOfSatisfying(FileRefusedException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("import.file.encoding.wrong");
                    assertThat(e.arguments()).containsExactly("UTF-8");
                });
    }

    @Test
    void semicolons_and_tabs_are_recognised_as_delimiters() {
        assertThat(TableReader.read("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8), null).sample().get(0).cells())
                .containsExactly("1", "2");
        assertThat(TableReader.read("a\tb\n1\t2\n".getBytes(StandardCharsets.UTF_8), null).sample().get(0).cells())
                .containsExactly("1", "2");
    }

    @Test
    void xlsx_cells_arrive_as_typed_text_dates_as_iso_and_numbers_without_exponent() throws IOException {
        byte[] file;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet();
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("name");
            header.createCell(1).setCellValue("amount");
            header.createCell(2).setCellValue("closed");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("Acme");
            row.createCell(1).setCellValue(12500000.5);
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            row.createCell(2).setCellValue(LocalDate.of(2017, 3, 1));
            row.getCell(2).setCellStyle(dateStyle);
            workbook.write(out);
            file = out.toByteArray();
        }
        Table table = TableReader.read(file, null);
        assertThat(table.headers()).containsExactly("name", "amount", "closed");
        assertThat(table.sample().get(0).cells()).containsExactly("Acme", "12500000.5", "2017-03-01");
    }

    @Test
    void broken_and_wrong_files_are_refused_with_the_reason() {
        assertRefused(new byte[0], "import.file.empty");
        assertRefused("   \n".getBytes(StandardCharsets.UTF_8), "import.file.empty");
        assertRefused("name,city\n".getBytes(StandardCharsets.UTF_8), "import.file.no-rows");
        assertRefused(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0}, "import.file.xls");
        assertRefused(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0}, "import.file.not-table");
        assertRefused(new byte[] {'P', 'K', 3, 4, 1, 2, 3}, "import.file.xlsx-broken");
        assertRefused("name,city\n\"Acme,Shenzhen\nGlobex,Beijing\n".getBytes(StandardCharsets.UTF_8),
                "import.file.quotes");
        assertRefused("name,city\nAcme,Shenzhen,extra\n".getBytes(StandardCharsets.UTF_8),
                "import.file.too-many-cells");
        // neither UTF-8 nor GBK: a lone 0xFF is valid in neither
        assertRefused(new byte[] {'a', '\n', (byte) 0xFF, (byte) 0xFF, '\n'}, "import.file.encoding.unknown");
    }

    @Test
    void a_workbook_is_read_again_row_by_row_with_gaps_kept_and_its_temporary_file_removed() throws IOException {
        byte[] file;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet();
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("name");
            header.createCell(1).setCellValue("city");
            header.createCell(2).setCellValue("notes");
            for (int r = 1; r <= 25; r++) {
                Row row = sheet.createRow(r * 2);
                row.createCell(0).setCellValue("客户 " + r);
                row.createCell(2).setCellValue("  note " + r + "  ");
            }
            workbook.write(out);
            file = out.toByteArray();
        }
        long before = temporaryImports();
        List<Table.Row> first = new ArrayList<>();
        List<Table.Row> second = new ArrayList<>();
        try (Table table = TableReader.read(file, null)) {
            assertThat(temporaryImports()).isEqualTo(before + 1);
            assertThat(table.rowCount()).isEqualTo(25);
            assertThat(table.sample()).hasSize(10);
            table.forEachRow(first::add);
            table.forEachRow(second::add);
        }
        assertThat(temporaryImports()).isEqualTo(before);
        assertThat(first).isEqualTo(second).hasSize(25);
        assertThat(first.get(24).number()).isEqualTo(51);
        assertThat(first.get(24).cells()).containsExactly("客户 25", "", "note 25");
    }

    @Test
    void what_the_caller_throws_while_reading_rows_reaches_it_as_itself_not_as_a_damaged_file() throws IOException {
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("name");
            sheet.createRow(1).createCell(0).setCellValue("客户");
            book.write(out);
            workbook = out.toByteArray();
        }
        for (byte[] file : new byte[][] {workbook, "name\n客户\n".getBytes(StandardCharsets.UTF_8)}) {
            try (Table table = TableReader.read(file, null)) {
                IllegalStateException outage = new IllegalStateException("database unavailable");
                assertThatThrownBy(() -> table.forEachRow(row -> {
                    throw outage;
                })).isSameAs(outage);
                java.io.UncheckedIOException io = new java.io.UncheckedIOException(new IOException("disk"));
                assertThatThrownBy(() -> table.forEachRow(row -> {
                    throw io;
                })).as("not an unclosed quote").isSameAs(io);
            }
        }
    }

    @Test
    void rows_and_text_beyond_the_limits_are_refused_while_reading() {
        StringBuilder csv = new StringBuilder("name,city\n");
        for (int i = 0; i < 11; i++) {
            csv.append("Customer ").append(i).append(",Shenzhen\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(TableReader.read(file, null, new TableReader.Limits(11, 1000)).rowCount()).isEqualTo(11);
        assertThatThrownBy(() -> TableReader.read(file, null, new TableReader.Limits(10, 1000)))
                .isInstanceOfSatisfying(FileRefusedException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("import.file.too-many-rows");
                    assertThat(e.arguments()).containsExactly(10);
                });
        assertThatThrownBy(() -> TableReader.read(file, null, new TableReader.Limits(100, 100)))
                .isInstanceOfSatisfying(FileRefusedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("import.file.too-much-text"));
    }

    @Test
    void a_zip_bomb_and_an_xml_entity_attack_are_refused_by_name() throws IOException {
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Row row = book.createSheet().createRow(0);
            row.createCell(0).setCellValue("name");
            book.getSheetAt(0).createRow(1).createCell(0).setCellValue("Acme");
            book.write(out);
            workbook = out.toByteArray();
        }
        // 50 MB of blanks between the cells inflate a thousandfold: far beyond any real workbook's ratio
        byte[] bomb = replacingSheet(workbook,
                xml -> xml.replace("<sheetData>", "<sheetData>" + " ".repeat(50_000_000)));
        assertThat(bomb.length).isLessThan(1_000_000);
        assertRefused(bomb, "import.file.xlsx-bomb");
        byte[] entity = replacingSheet(workbook, xml -> xml.replaceFirst("\\?>",
                "?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>")
                .replace(">Acme<", ">&secret;<"));
        assertRefused(entity, "import.file.xlsx-doctype");
        // a few bytes that would otherwise pad a row to hundreds of millions of cells
        byte[] farColumn = replacingSheet(workbook, xml -> xml.replaceFirst("r=\"A2\"", "r=\"ZZZZZZ2\""));
        assertRefused(farColumn, "import.file.column-beyond-xfd");
    }

    private static byte[] replacingSheet(byte[] workbook, java.util.function.UnaryOperator<String> change)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    content = change.apply(new String(content, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static long temporaryImports() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("funnel-import-")).count();
        }
    }

    private static void assertRefused(byte[] file, String key) {
        assertThatThrownBy(() -> TableReader.read(file, null)).isInstanceOfSatisfying(FileRefusedException.class,
                e -> assertThat(e.messageKey()).isEqualTo(key));
    }
}
