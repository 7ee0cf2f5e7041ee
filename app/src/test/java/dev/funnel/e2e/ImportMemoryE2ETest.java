package dev.funnel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.testsupport.TestDatabaseSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A workbook of the largest size an import takes (50 MB, 300,000 customers with three text cells each, as in the
 * security review that took a server to 1.85 GB) imports completely into the production jar running with a
 * 512 MB heap, and the app keeps answering other requests while it does.
 */
class ImportMemoryE2ETest {

    static final int ROWS = 300_000;
    static final long LIMIT = 50L * 1024 * 1024;

    static final String DATABASE = "funnel_import_mem_" + Long.toHexString(System.nanoTime());
    static final String URL = TestDatabaseSession.serverUrl() + DATABASE;
    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(Map.of("FUNNEL_DB_URL", URL,
                "FUNNEL_DB_USER", TestDatabaseSession.user(), "FUNNEL_DB_PASSWORD", TestDatabaseSession.password(),
                "FUNNEL_ADMIN_PASSWORD", TestDatabaseSession.ADMIN_PASSWORD,
                "FUNNEL_SCHEDULER_ENABLED", "false", "FUNNEL_AUTOMATION_CRON", "-"),
                List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
        app.awaitReady(Duration.ofMinutes(3));
    }

    @Test
    void the_largest_workbook_imports_under_a_512_mb_heap() throws Exception {
        Path workbook = workbook();
        long size = Files.size(workbook);
        assertThat(size).as("the file is at the import limit").isBetween(LIMIT - 5 * 1024 * 1024, LIMIT);

        AtomicBoolean importing = new AtomicBoolean(true);
        List<Integer> otherAnswers = new ArrayList<>();
        Thread other = new Thread(() -> {
            while (importing.get()) {
                try {
                    otherAnswers.add(get("/api/v1/customers?size=1").statusCode());
                    Thread.sleep(1000);
                } catch (IOException | InterruptedException e) {
                    otherAnswers.add(-1);
                    return;
                }
            }
        });
        other.start();
        HttpResponse<String> answer;
        try {
            answer = send(customersImport(Files.readAllBytes(workbook)));
        } finally {
            importing.set(false);
            other.join();
            Files.deleteIfExists(workbook);
        }

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"COMPLETED\"", "\"imported\":" + ROWS);
        assertThat(app.output()).doesNotContain("OutOfMemoryError");
        assertThat(otherAnswers).isNotEmpty().containsOnly(200);
        try (Connection db = DriverManager.getConnection(URL, TestDatabaseSession.user(),
                TestDatabaseSession.password()); Statement query = db.createStatement();
             ResultSet count = query.executeQuery("select count(*), count(distinct name), min(length(notes)) "
                     + "from customer where name like '导入客户%'")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(ROWS);
            assertThat(count.getInt(2)).isEqualTo(ROWS);
            assertThat(count.getInt(3)).isGreaterThan(50);
        }
    }

    @Test
    void a_request_of_many_parts_each_under_the_limit_is_refused_as_a_whole_naming_the_limit() throws Exception {
        byte[] half = new byte[(int) (LIMIT / 2) + 1024 * 1024];
        Multipart request = customersImport(half);
        request.part("file2", "more.csv", half);

        HttpResponse<String> answer = send(request);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("50 MB");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        TestDatabaseSession.drop(DATABASE);
    }

    /**
     * Customers with a unique name, a city and a note of random text, written as a stream; with a shared-strings
     * table, as Excel saves a workbook, which the reader has to hold while it reads the sheet.
     */
    private static Path workbook() throws IOException {
        Path file = Files.createTempFile("funnel-import-memory", ".xlsx");
        String[] cities = {"深圳", "北京", "上海", "广州", "杭州", "成都", "Singapore", "Hamburg"};
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789 客户关系销售漏斗商机跟进报备公海订单回款服务";
        SplittableRandom random = new SplittableRandom(14);
        try (SXSSFWorkbook book = new SXSSFWorkbook(null, 1000, false, true); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = book.createSheet("customers");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("name");
            header.createCell(1).setCellValue("city");
            header.createCell(2).setCellValue("notes");
            StringBuilder note = new StringBuilder();
            for (int r = 1; r <= ROWS; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(String.format("导入客户 %06d 科技有限公司", r));
                row.createCell(1).setCellValue(cities[random.nextInt(cities.length)]);
                note.setLength(0);
                for (int i = 0; i < NOTE_LENGTH; i++) {
                    note.append(letters.charAt(random.nextInt(letters.length())));
                }
                row.createCell(2).setCellValue(note.toString());
            }
            book.write(out);
            book.dispose();
        }
        return file;
    }

    static final int NOTE_LENGTH = 150;

    private static Multipart customersImport(byte[] file) throws IOException {
        Multipart request = new Multipart();
        request.part("entity", null, "customers".getBytes(StandardCharsets.UTF_8));
        request.part("mode", null, "all".getBytes(StandardCharsets.UTF_8));
        request.part("mapping", null, "{\"columns\":{\"name\":\"name\",\"city\":\"city\",\"notes\":\"notes\"}}"
                .getBytes(StandardCharsets.UTF_8));
        request.part("file", "customers.xlsx", file);
        return request;
    }

    private HttpResponse<String> send(Multipart request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/imports"))
                .header("Authorization", basic())
                .header("Content-Type", "multipart/form-data; boundary=" + request.boundary)
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart/form-data body built by hand, so that the test controls every part's size. */
    private static final class Multipart {

        final String boundary = "funnel-" + System.nanoTime();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        void part(String name, String fileName, byte[] content) throws IOException {
            String disposition = "Content-Disposition: form-data; name=\"" + name + "\""
                    + (fileName == null ? "" : "; filename=\"" + fileName + "\"");
            String type = fileName == null ? "text/plain; charset=UTF-8" : "application/octet-stream";
            body.write(("--" + boundary + "\r\n" + disposition + "\r\nContent-Type: " + type + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }

        byte[] body() throws IOException {
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return body.toByteArray();
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", basic()).timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + TestDatabaseSession.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }
}
