package dev.funnel.importexport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
            assertThat(table.rows()).hasSize(1);
            assertThat(table.rows().get(0).cells()).containsExactly("深圳市腾飞科技有限公司", "深圳", "12,500.50");
            assertThat(table.rows().get(0).number()).isEqualTo(2);
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
        assertThat(TableReader.read("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8), null).rows().get(0).cells())
                .containsExactly("1", "2");
        assertThat(TableReader.read("a\tb\n1\t2\n".getBytes(StandardCharsets.UTF_8), null).rows().get(0).cells())
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
        assertThat(table.rows().get(0).cells()).containsExactly("Acme", "12500000.5", "2017-03-01");
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

    private static void assertRefused(byte[] file, String key) {
        assertThatThrownBy(() -> TableReader.read(file, null)).isInstanceOfSatisfying(FileRefusedException.class,
                e -> assertThat(e.messageKey()).isEqualTo(key));
    }
}
