package dev.funnel.plugins.companyregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.funnel.plugin.api.CompanyInfo;
import dev.funnel.plugin.api.LogEntry;
import dev.funnel.plugin.api.OutboundHttp;
import dev.funnel.plugin.api.OutboundResponse;
import dev.funnel.plugin.api.PluginContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry plugin against a local fake of a 企查查-style API that checks the key and the Token header as such
 * services document them (upper-case MD5 of key + Timespan + secret key) and answers by keyword.
 */
class RegistryApiTest {

    static final String KEY = "app-key-7f3a";
    static final String SECRET = "secret-9b1c";
    static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

    HttpServer server;
    final List<String> keywords = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ECIV4/GetBasicDetailsByName", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String key = null;
        String keyword = null;
        for (String pair : java.util.regex.Pattern.compile("&").splitAsStream(query).toList()) {
            String[] kv = pair.split("=", 2);
            String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            if (kv[0].equals("key")) {
                key = value;
            } else if (kv[0].equals("keyword")) {
                keyword = value;
            }
        }
        keywords.add(keyword);
        String timespan = exchange.getRequestHeaders().getFirst("Timespan");
        String body;
        int status = 200;
        if (!KEY.equals(key) || timespan == null || !md5(KEY + timespan + SECRET)
                .equals(exchange.getRequestHeaders().getFirst("Token"))) {
            body = "{\"Status\":\"101\",\"Message\":\"\\u65e0\\u6548\\u7684\\u5bc6\\u94a5\"}";
        } else if (keyword.equals("500")) {
            status = 500;
            body = "oops";
        } else if (keyword.contains("艾克美") || keyword.equals("91310000MA1FL8XQ3B")) {
            body = """
                    {"Status":"200","Message":"查询成功","OrderNumber":"ECI2026120603","Result":{
                      "KeyNo":"e2b1","Name":"上海艾克美信息技术有限公司","CreditCode":"91310000ma1fl8xq3b",
                      "OperName":"王建国","RegistCapi":"1,000万元人民币","StartDate":"2015-03-12 00:00:00",
                      "Status":"存续（在营、开业、在册）","Address":"上海市浦东新区张江路 88 号 5 楼"}}""";
        } else if (keyword.contains("海外")) {
            body = """
                    {"Status":"200","Result":{"Name":"海外贸易有限公司","RegistCapi":"500万美元","StartDate":""}}""";
        } else {
            body = "{\"Status\":\"201\",\"Message\":\"查询无结果\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private RegistryApi registry(String key, String secret) {
        RegistryApi registry = new RegistryApi(Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, String> service = Map.of(RegistrySettings.BASE_URL,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/", RegistrySettings.KEY, key,
                RegistrySettings.SECRET, secret);
        registry.attach(new PluginContext() {
            @Override
            public List<Map<String, String>> records(String kind) {
                return kind.equals(RegistrySettings.SERVICE) ? List.of(service) : List.of();
            }

            @Override
            public void log(LogEntry entry) {
            }

            /** The test's stand-in for the host's HTTP: plain, without the host's address checks. */
            @Override
            public OutboundHttp http() {
                return request -> {
                    var builder = java.net.http.HttpRequest.newBuilder(request.uri()).timeout(request.timeout())
                            .GET();
                    request.headers().forEach(builder::header);
                    try {
                        var answer = java.net.http.HttpClient.newHttpClient().send(builder.build(),
                                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                        return new OutboundResponse(answer.statusCode(), answer.body());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                };
            }
        });
        return registry;
    }

    @Test
    void a_company_is_found_by_name_or_credit_code_with_its_registration_data() throws Exception {
        RegistryApi registry = registry(KEY, SECRET);
        List<CompanyInfo> byName = registry.lookUp("艾克美");
        assertThat(byName).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("上海艾克美信息技术有限公司");
            assertThat(c.creditCode()).isEqualTo("91310000MA1FL8XQ3B");
            assertThat(c.legalRepresentative()).isEqualTo("王建国");
            assertThat(c.registeredCapital()).isEqualByComparingTo(new BigDecimal("10000000"));
            assertThat(c.capitalCurrency()).isEqualTo("CNY");
            assertThat(c.foundedOn()).isEqualTo(LocalDate.of(2015, 3, 12));
            assertThat(c.status()).startsWith("存续");
            assertThat(c.address()).isEqualTo("上海市浦东新区张江路 88 号 5 楼");
        });
        assertThat(registry.lookUp("91310000MA1FL8XQ3B")).extracting(CompanyInfo::name)
                .containsExactly("上海艾克美信息技术有限公司");
        assertThat(keywords).containsExactly("艾克美", "91310000MA1FL8XQ3B");

        CompanyInfo foreign = registry.lookUp("海外贸易").get(0);
        assertThat(foreign.registeredCapital()).isEqualByComparingTo(new BigDecimal("5000000"));
        assertThat(foreign.capitalCurrency()).isEqualTo("USD");
        assertThat(foreign.foundedOn()).isNull();
        assertThat(foreign.creditCode()).isNull();
    }

    @Test
    void nothing_found_is_empty_and_every_failure_says_what_went_wrong() {
        RegistryApi registry = registry(KEY, SECRET);
        assertThat(catching(() -> registry.lookUp("不存在的公司"))).isEmpty();
        assertThatThrownBy(() -> registry(KEY, "wrong-secret").lookUp("艾克美"))
                .hasMessageContaining("the registry refused: 101 无效的密钥");
        assertThatThrownBy(() -> registry.lookUp("500")).hasMessageContaining("HTTP 500");
        RegistryApi unset = new RegistryApi();
        assertThat(unset.ready()).isFalse();
        assertThat(registry.ready()).isTrue();
        assertThatThrownBy(() -> unset.lookUp("艾克美")).hasMessageContaining("no registry service is set up");
    }

    private static List<CompanyInfo> catching(java.util.concurrent.Callable<List<CompanyInfo>> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
