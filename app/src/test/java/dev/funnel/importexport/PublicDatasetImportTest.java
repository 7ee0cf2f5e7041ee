package dev.funnel.importexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.funnel.pipeline.BoardColumn;
import dev.funnel.pipeline.BoardFilter;
import dev.funnel.pipeline.BoardService;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestDatabaseSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The public CRM data set, imported the way docs/import.md shows a migrating company: four files in order
 * through POST /api/v1/imports with the mappings shipped in docs/examples. Afterwards Funnel's counts per stage,
 * per agent and per product are the files' counts, worked out here from the CSV itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicDatasetImportTest extends IntegrationTest {

    static final String PIPELINE = "CRM sales opportunities";
    static final Path MAPPINGS = Path.of("..", "docs", "examples", "crm-sales-opportunities");

    @Autowired
    MockMvc http;
    @Autowired
    JdbcTemplate sql;
    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper json;
    @Autowired
    BoardService board;

    List<CSVRecord> deals;

    @BeforeAll
    void readTheFile() throws IOException {
        deals = csv("sales_pipeline.csv");
    }

    @Test
    @Order(1)
    void the_four_files_import_in_order_with_the_shipped_mappings() throws Exception {
        http.perform(post("/api/v1/pipelines").with(admin()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "%s", "stages": [
                          {"nameEn": "Prospecting", "nameZh": "潜在客户", "probability": 10, "stalledAfterDays": 30},
                          {"nameEn": "Engaging", "nameZh": "接洽中", "probability": 40, "stalledAfterDays": 60}]}
                        """.formatted(PIPELINE)))
                .andExpect(status().isCreated());
        importFile("users", "sales_teams").andExpect(status().isOk())
                .andExpect(jsonPath("$.status", is("COMPLETED"))).andExpect(jsonPath("$.imported", is(35)));
        importFile("customers", "accounts").andExpect(status().isOk())
                .andExpect(jsonPath("$.imported", is(85))).andExpect(jsonPath("$.errors.length()", is(0)));
        importFile("products", "products").andExpect(status().isOk()).andExpect(jsonPath("$.imported", is(7)));
        importFile("opportunities", "sales_pipeline").andExpect(status().isOk())
                .andExpect(jsonPath("$.status", is("COMPLETED")))
                .andExpect(jsonPath("$.rows", is(8800))).andExpect(jsonPath("$.imported", is(8800)));
    }

    @Test
    @Order(2)
    void counts_per_stage_agent_and_product_equal_the_files() {
        Map<String, Integer> perStage = count(r -> r.get("deal_stage"));
        Map<String, Integer> actualPerStage = new TreeMap<>();
        sql.query("""
                select case when o.status = 'OPEN' then s.name_en
                            else initcap(lower(o.status)) end as stage, count(*) as n
                from opportunity o join stage s on s.id = o.stage_id join pipeline p on p.id = o.pipeline_id
                where p.name = ? group by 1""", rs -> {
            actualPerStage.put(rs.getString("stage"), rs.getInt("n"));
        }, PIPELINE);
        assertThat(actualPerStage).isEqualTo(perStage);

        assertThat(grouped("u.full_name")).isEqualTo(count(r -> r.get("sales_agent")));
        assertThat(grouped("pr.name")).isEqualTo(count(r -> r.get("product").equals("GTXPro") ? "GTX Pro"
                : r.get("product")));
    }

    @Test
    @Order(3)
    void won_amounts_per_agent_are_exact_and_the_history_follows_the_dates() {
        Map<String, BigDecimal> expected = new TreeMap<>();
        deals.stream().filter(r -> r.get("deal_stage").equals("Won"))
                .forEach(r -> expected.merge(r.get("sales_agent"), new BigDecimal(r.get("close_value")),
                        BigDecimal::add));
        Map<String, BigDecimal> actual = new TreeMap<>();
        sql.query("""
                select u.full_name, sum(o.actual_amount) as won from opportunity o
                join app_user u on u.id = o.owner_id join pipeline p on p.id = o.pipeline_id
                where p.name = ? and o.status = 'WON' group by u.full_name""", rs -> {
            actual.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros());
        }, PIPELINE);
        expected.replaceAll((k, v) -> v.stripTrailingZeros());
        assertThat(actual).isEqualTo(expected);

        // 1C1I7A6R: engaged 2016-10-20, won 2017-03-01 for 1054
        List<String> ledger = sql.queryForList("""
                select h.event || ' ' || s.name_en || ' ' || to_char(h.changed_at, 'YYYY-MM-DD')
                from stage_history h join opportunity o on o.id = h.opportunity_id join stage s on s.id = h.to_stage_id
                where o.external_ref = '1C1I7A6R' order by h.id""", String.class);
        assertThat(ledger).containsExactly("CREATED Prospecting 2016-10-20", "MOVED Engaging 2016-10-20",
                "WON Engaging 2017-03-01");
        Integer withoutAccount = sql.queryForObject("""
                select count(*) from opportunity o join pipeline p on p.id = o.pipeline_id
                where p.name = ? and o.customer_id is null""", Integer.class, PIPELINE);
        assertThat(withoutAccount).isEqualTo((int) deals.stream().filter(r -> r.get("account").isEmpty()).count());
    }

    @Test
    @Order(4)
    void agents_report_to_their_managers_and_subsidiaries_to_their_parents() {
        String manager = sql.queryForObject("""
                select m.full_name from app_user u join team t on t.id = u.team_id join app_user m on m.id = t.manager_id
                where u.full_name = 'Anna Snelling'""", String.class);
        assertThat(manager).isEqualTo("Dustin Brinkmann");
        String region = sql.queryForObject("""
                select p.name from team t join team p on p.id = t.parent_id join app_user m on m.id = t.manager_id
                where m.full_name = 'Dustin Brinkmann'""", String.class);
        assertThat(region).isEqualTo("Central");
        Integer subsidiaries = sql.queryForObject("""
                select count(*) from customer c join customer p on p.id = c.parent_id
                where p.name = 'Acme Corporation'""", Integer.class);
        assertThat(subsidiaries).isEqualTo(4);
        assertThat(sql.queryForObject("select count(*) from customer where industry = 'technolgy'", Integer.class))
                .isZero();
    }

    @Test
    @Order(5)
    void importing_the_same_deals_again_is_rejected_and_writes_nothing() throws Exception {
        Integer before = sql.queryForObject("select count(*) from opportunity", Integer.class);
        importFile("opportunities", "sales_pipeline").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.status", is("REJECTED"))).andExpect(jsonPath("$.imported", is(0)))
                .andExpect(jsonPath("$.errors[0].column", is("opportunity_id")));
        assertThat(sql.queryForObject("select count(*) from opportunity", Integer.class)).isEqualTo(before);
    }

    @Test
    @Order(6)
    void win_rates_and_won_deal_size_per_agent_manager_and_product_equal_the_files() throws Exception {
        Map<String, String> managerOfAgent = new TreeMap<>();
        csv("sales_teams.csv").forEach(r -> managerOfAgent.put(r.get("sales_agent"), r.get("manager")));
        Long pipelineId = sql.queryForObject("select id from pipeline where name = ?", Long.class, PIPELINE);

        assertThat(winRates("owner", pipelineId)).isEqualTo(expectedWinRates(r -> r.get("sales_agent")));
        assertThat(winRates("product", pipelineId)).isEqualTo(expectedWinRates(
                r -> r.get("product").equals("GTXPro") ? "GTX Pro" : r.get("product")));
        // a manager's figures are their team's: the agents' team is the one the manager leads
        Map<String, String> managerOfTeam = new TreeMap<>();
        sql.query("select t.name, m.full_name from team t join app_user m on m.id = t.manager_id", rs -> {
            managerOfTeam.put(rs.getString(1), rs.getString(2));
        });
        Map<String, List<String>> perTeam = winRates("team", pipelineId);
        Map<String, List<String>> perManager = new TreeMap<>();
        perTeam.forEach((team, figures) -> perManager.put(managerOfTeam.get(team), figures));
        assertThat(perManager).isEqualTo(expectedWinRates(r -> managerOfAgent.get(r.get("sales_agent"))));
    }

    @Test
    @Order(7)
    void usd_deals_count_in_the_company_currency_once_rates_are_imported() throws Exception {
        Long pipelineId = sql.queryForObject("select id from pipeline where name = ?", Long.class, PIPELINE);
        long open = deals.stream().filter(r -> Set.of("Prospecting", "Engaging").contains(r.get("deal_stage")))
                .count();
        List<BoardColumn> before = data.asAdmin(() -> board.columns(BoardFilter.of(pipelineId)));
        assertThat(before).extracting(BoardColumn::currency).containsOnly("CNY");
        assertThat(before.stream().mapToLong(BoardColumn::unconverted).sum()).isEqualTo(open);
        assertThat(before.stream().map(BoardColumn::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isZero();

        Path rates = Path.of("..", "docs", "examples", "exchange-rates");
        http.perform(multipart("/api/v1/imports")
                        .file(new MockMultipartFile("file", "usd_cny_monthly.csv", "text/csv",
                                Files.readAllBytes(rates.resolve("usd_cny_monthly.csv"))))
                        .file(new MockMultipartFile("mapping", "mapping.json", "application/json",
                                Files.readAllBytes(rates.resolve("usd_cny_monthly.mapping.json"))))
                        .file(new MockMultipartFile("entity", "", "text/plain",
                                "exchange_rates".getBytes(StandardCharsets.UTF_8)))
                        .with(admin()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.imported", is(15)));

        // worked out from the files: each deal at the rate in effect on its day, else the first rate
        TreeMap<LocalDate, BigDecimal> usd = new TreeMap<>();
        csvFile(rates.resolve("usd_cny_monthly.csv"))
                .forEach(r -> usd.put(LocalDate.parse(r.get("valid_from")), new BigDecimal(r.get("rate"))));
        Function<LocalDate, BigDecimal> rateOn = day -> {
            var inEffect = usd.floorEntry(day);
            return inEffect != null ? inEffect.getValue() : usd.firstEntry().getValue();
        };
        Map<String, BigDecimal> wonInCny = new TreeMap<>();
        deals.stream().filter(r -> r.get("deal_stage").equals("Won")).forEach(r -> wonInCny.merge(
                r.get("sales_agent"), new BigDecimal(r.get("close_value"))
                        .multiply(rateOn.apply(LocalDate.parse(r.get("close_date"))))
                        .setScale(2, RoundingMode.HALF_UP), BigDecimal::add));
        String body = http.perform(get("/api/v1/reports/win-rates").param("groupBy", "owner")
                        .param("pipelineId", String.valueOf(pipelineId)).param("from", "2016-01-01")
                        .param("to", "2017-12-31").with(admin()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.currency", is("CNY")))
                .andReturn().getResponse().getContentAsString();
        Map<String, BigDecimal> reported = new TreeMap<>();
        for (var group : json.readTree(body).get("groups")) {
            if (group.get("won").asLong() > 0) {
                reported.put(group.get("label").asText(), group.get("wonAmount").decimalValue().setScale(2));
            }
        }
        assertThat(reported).isEqualTo(wonInCny);

        // open deals have no close date in the file: the day they were created picks their rate
        List<BoardColumn> after = data.asAdmin(() -> board.columns(BoardFilter.of(pipelineId)));
        assertThat(after.stream().mapToLong(BoardColumn::unconverted).sum()).isZero();
        BigDecimal openInUsd = sql.queryForObject(
                "select sum(amount) from opportunity where pipeline_id = ? and status = 'OPEN'", BigDecimal.class,
                pipelineId);
        BigDecimal openInCny = after.stream().map(BoardColumn::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(openInCny.divide(openInUsd, 4, RoundingMode.HALF_UP))
                .isBetween(usd.values().stream().min(BigDecimal::compareTo).orElseThrow().setScale(4),
                        usd.values().stream().max(BigDecimal::compareTo).orElseThrow().setScale(4));
    }

    @Test
    @Order(20)
    void the_pipeline_as_of_a_past_day_and_its_movement_follow_the_engage_and_close_dates() throws Exception {
        LocalDate june30 = LocalDate.of(2017, 6, 30);
        LocalDate march31 = LocalDate.of(2017, 3, 31);
        long pipelineId = sql.queryForObject("select id from pipeline where name = ?", Long.class, PIPELINE);

        String asOf = http.perform(get("/api/v1/reports/pipeline-as-of").param("date", june30.toString())
                        .param("pipelineId", String.valueOf(pipelineId)).param("currency", "USD").with(admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(asOf).get("deals").asLong()).isEqualTo(openOn(june30));
        // engaged deals enter Engaging the day they are engaged
        assertThat(json.readTree(asOf).get("stages").get(1).get("deals").asLong()).isEqualTo(openOn(june30));

        var movement = json.readTree(http.perform(get("/api/v1/reports/movement")
                        .param("from", march31.toString()).param("to", june30.toString())
                        .param("pipelineId", String.valueOf(pipelineId)).param("currency", "USD").with(admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(movement.get("start").get("deals").asLong()).isEqualTo(openOn(march31));
        assertThat(movement.get("end").get("deals").asLong()).isEqualTo(openOn(june30));
        Map<String, Long> bars = new TreeMap<>();
        movement.get("bars").forEach(b -> bars.put(b.get("movement").asText(), b.get("deals").asLong()));
        assertThat(bars).containsEntry("WON", closedBetween("Won", march31, june30))
                .containsEntry("LOST", closedBetween("Lost", march31, june30))
                .containsEntry("CREATED", deals.stream().filter(r -> engagedIn(r, march31, june30)
                        && openAt(r, june30)).count());
        assertThat(movement.get("createdAndClosed").asLong()).isEqualTo(deals.stream()
                .filter(r -> engagedIn(r, march31, june30) && !openAt(r, june30)).count());
    }

    /** Deals engaged by the end of the day and not closed by then, from the file. */
    private long openOn(LocalDate day) {
        return deals.stream().filter(r -> !r.get("engage_date").isEmpty()
                && !LocalDate.parse(r.get("engage_date")).isAfter(day) && openAt(r, day)).count();
    }

    private static boolean openAt(CSVRecord deal, LocalDate day) {
        return deal.get("close_date").isEmpty() || LocalDate.parse(deal.get("close_date")).isAfter(day);
    }

    private static boolean engagedIn(CSVRecord deal, LocalDate after, LocalDate until) {
        if (deal.get("engage_date").isEmpty()) {
            return false;
        }
        LocalDate engaged = LocalDate.parse(deal.get("engage_date"));
        return engaged.isAfter(after) && !engaged.isAfter(until);
    }

    private long closedBetween(String outcome, LocalDate after, LocalDate until) {
        return deals.stream().filter(r -> r.get("deal_stage").equals(outcome) && !engagedIn(r, after, until)
                && !r.get("engage_date").isEmpty() && !LocalDate.parse(r.get("engage_date")).isAfter(after)
                && !openAt(r, until) && openAt(r, after)).count();
    }

    private static List<CSVRecord> csvFile(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    /** label -> [won, lost, winRate, averageWonAmount] from the API. */
    private Map<String, List<String>> winRates(String groupBy, long pipelineId) throws Exception {
        String body = http.perform(get("/api/v1/reports/win-rates").param("groupBy", groupBy)
                        .param("pipelineId", String.valueOf(pipelineId)).param("currency", "USD").with(admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Map<String, List<String>> figures = new TreeMap<>();
        for (var group : json.readTree(body).get("groups")) {
            figures.put(group.get("label").asText(), List.of(group.get("won").asText(), group.get("lost").asText(),
                    plain(group.get("winRate").decimalValue()), group.get("averageWonAmount").isNull() ? "-"
                            : plain(group.get("averageWonAmount").decimalValue())));
        }
        return figures;
    }

    /** The same figures worked out from the CSV: closed deals only, rates to 4 places, averages to the cent. */
    private Map<String, List<String>> expectedWinRates(java.util.function.Function<CSVRecord, String> key) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> wonAmounts = new TreeMap<>();
        deals.stream().filter(r -> r.get("deal_stage").equals("Won") || r.get("deal_stage").equals("Lost"))
                .forEach(r -> {
                    boolean won = r.get("deal_stage").equals("Won");
                    counts.computeIfAbsent(key.apply(r), k -> new long[2])[won ? 0 : 1]++;
                    if (won) {
                        wonAmounts.merge(key.apply(r), new BigDecimal(r.get("close_value")), BigDecimal::add);
                    }
                });
        Map<String, List<String>> expected = new TreeMap<>();
        counts.forEach((k, c) -> expected.put(k, List.of(String.valueOf(c[0]), String.valueOf(c[1]),
                plain(BigDecimal.valueOf(c[0]).divide(BigDecimal.valueOf(c[0] + c[1]), 4, RoundingMode.HALF_UP)),
                c[0] == 0 ? "-" : plain(wonAmounts.get(k).divide(BigDecimal.valueOf(c[0]), 2,
                        RoundingMode.HALF_UP)))));
        return expected;
    }

    /** JSON drops trailing zeros: 0.6190 arrives as 0.619. */
    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private Map<String, Integer> grouped(String key) {
        Map<String, Integer> counts = new TreeMap<>();
        sql.query("""
                select %s as k, count(*) as n from opportunity o
                join app_user u on u.id = o.owner_id join pipeline p on p.id = o.pipeline_id
                left join opportunity_line l on l.opportunity_id = o.id left join product pr on pr.id = l.product_id
                where p.name = ? group by 1""".formatted(key), rs -> {
            counts.put(rs.getString("k"), rs.getInt("n"));
        }, PIPELINE);
        return counts;
    }

    private Map<String, Integer> count(java.util.function.Function<CSVRecord, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        deals.forEach(r -> counts.merge(key.apply(r), 1, Integer::sum));
        return counts;
    }

    private ResultActions importFile(String entity, String file) throws Exception {
        byte[] content;
        try (InputStream in = dataset(file + ".csv")) {
            content = in.readAllBytes();
        }
        byte[] mapping = Files.readAllBytes(MAPPINGS.resolve(file + ".mapping.json"));
        return http.perform(multipart("/api/v1/imports")
                .file(new MockMultipartFile("file", file + ".csv", "text/csv", content))
                .file(new MockMultipartFile("mapping", "mapping.json", "application/json", mapping))
                .file(new MockMultipartFile("entity", "", "text/plain", entity.getBytes(StandardCharsets.UTF_8)))
                .with(admin()));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return httpBasic("admin", TestDatabaseSession.ADMIN_PASSWORD);
    }

    static InputStream dataset(String file) {
        return PublicDatasetImportTest.class.getResourceAsStream("/datasets/crm-sales-opportunities/" + file);
    }

    static List<CSVRecord> csv(String file) throws IOException {
        try (var reader = new InputStreamReader(dataset(file), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

}
