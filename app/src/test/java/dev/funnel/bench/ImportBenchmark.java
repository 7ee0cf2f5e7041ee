package dev.funnel.bench;

import dev.funnel.FunnelApplication;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportMapping;
import dev.funnel.importexport.ImportMode;
import dev.funnel.importexport.ImportResult;
import dev.funnel.importexport.ImportService;
import dev.funnel.identity.internal.FunnelUserDetailsService;
import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.testsupport.TestDatabaseSession;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * How fast a large opportunity CSV imports: the whole of {@link ImportService#run} — decoding, parsing, mapping,
 * looking up owners, customers and products, the module's checks, and writing the deals, their stage history and
 * product lines — for a generated file of N rows, in rows per second.
 *
 * <p>Starts the real application on a fresh database, loads reps, customers and products with plain SQL, then
 * imports the same kind of file several times (each with new external ids, so every round writes N deals). Not a
 * unit test: run it by hand, see bench/README.md. Arguments: {@code [rows=100000] [rounds=5] [warmup=1]}.
 */
public final class ImportBenchmark {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final int REPS = 50;
    private static final int CUSTOMERS = 5_000;
    private static final List<String> PRODUCTS = List.of("GTX Basic", "GTX Pro", "MG Special", "MG Advanced",
            "GTX Plus Pro", "GTX Plus Basic", "GTK 500");
    private static final List<String> STAGES = List.of("Prospecting", "Qualifying", "Proposal", "Negotiation");

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        if (rows < 1 || rounds < 1 || warmup < 0) {
            throw new IllegalArgumentException("Usage: ImportBenchmark [rows>=1 (100000)] [rounds>=1 (5)] "
                    + "[warmup>=0 (1)]");
        }
        String database = "funnel_bench_" + LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FunnelApplication.class).run(
                "--spring.datasource.url=" + TestDatabaseSession.serverUrl() + database, "--server.port=0", "--funnel.automation.cron=-",
                "--funnel.admin-password=" + ADMIN_PASSWORD, "--funnel.import.max-size=1GB")) {
            run(app, rows, rounds, warmup);
        } finally {
            // -Dbench.keep-database=true leaves it for a look with psql afterwards
            if (!Boolean.getBoolean("bench.keep-database")) {
                TestDatabaseSession.drop(database);
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, int rows, int rounds, int warmup) throws Exception {
        var user = app.getBean(FunnelUserDetailsService.class).loadUserByUsername(ADMIN);
        app.getBean(SecurityContextHolderStrategy.class).getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(user, user.getPassword(), user.getAuthorities()));
        app.getBean(PipelineService.class).create(new NewPipeline("Bench pipeline", null, true,
                STAGES.stream().map(s -> new NewStage(s, s, 20)).toList()));
        DataSource dataSource = app.getBean(DataSource.class);
        load(dataSource);
        ImportService imports = app.getBean(ImportService.class);
        ImportMapping mapping = new ImportMapping(Map.of("id", "externalId", "agent", "owner", "product", "product",
                "account", "customer", "stage", "stage", "engaged", "stageEnteredOn", "closed", "closeDate",
                "value", "amount"), Map.of("stage", Map.of("Won", "WON", "Lost", "LOST")),
                Map.of("currency", "USD"), List.of("yyyy-MM-dd"));

        long[] nanos = new long[rounds];
        long bytes = 0;
        for (int round = 0; round < warmup + rounds; round++) {
            byte[] file = csv(rows, round);
            bytes = file.length;
            long start = System.nanoTime();
            ImportResult result = imports.run(ImportEntity.OPPORTUNITIES, file, null, mapping, ImportMode.ALL,
                    Locale.ENGLISH, null);
            long took = System.nanoTime() - start;
            if (result.status() != ImportResult.Status.COMPLETED || result.imported() != rows) {
                throw new IllegalStateException("the import did not write every row: " + result.status() + " "
                        + result.imported() + " " + result.errors().stream().limit(5).toList());
            }
            // the background derivation of the imported deals (conversion entries, and since issue 13 how far
            // each got) is finished before the next round, so that no round competes with its predecessor's
            long drained = drainDerivations(dataSource);
            System.out.printf(Locale.ROOT, "round %d%s: %,d rows in %.2f s = %,.0f rows/s; then derived in the "
                    + "background in %.2f s%n", round + 1, round < warmup ? " (warm-up)" : "", rows, took / 1e9,
                    rows / (took / 1e9), drained / 1e9);
            if (round >= warmup) {
                nanos[round - warmup] = took;
            }
        }
        report(dataSource, rows, bytes, rounds, warmup, Stats.of(nanos));
    }

    /** Reps, customers and products with plain SQL: what the file refers to by name. */
    private static void load(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into app_user (username, full_name, password_hash) select 'bench.rep' || g, "
                    + "'Bench Rep ' || g, '{noop}x' from generate_series(1, " + REPS + ") g");
            s.execute("insert into user_role (user_id, role) select id, 'SALES_REP' from app_user "
                    + "where username like 'bench.rep%'");
            s.execute("insert into customer (name, normalized_name, owner_id) select 'Bench Account ' || g, "
                    + "'benchaccount' || g, (select min(id) from app_user) from generate_series(1, " + CUSTOMERS
                    + ") g");
            try (PreparedStatement p = c.prepareStatement("insert into product (code, name, unit_price, currency) "
                    + "values (?, ?, 1000, 'USD')")) {
                for (String product : PRODUCTS) {
                    p.setString(1, product.toUpperCase(Locale.ROOT).replace(' ', '-'));
                    p.setString(2, product);
                    p.executeUpdate();
                }
            }
            s.execute("vacuum analyze");
        }
    }

    /**
     * A file shaped like the public data set: a third of the deals open (a quarter of those without an account),
     * the rest won or lost with their dates and values. A fixed seed per round makes reruns read the same files.
     */
    /** Drains the queue the background job drains (db-changelog 1.4), answering how long it took. */
    private static long drainDerivations(DataSource dataSource) throws java.sql.SQLException {
        long start = System.nanoTime();
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            int taken;
            do {
                try (java.sql.ResultSet batch = sql.executeQuery("select funnel_drain_stage_entries(5000)")) {
                    batch.next();
                    taken = batch.getInt(1);
                }
            } while (taken > 0);
        }
        return System.nanoTime() - start;
    }

    static byte[] csv(int rows, int round) {
        Random random = new Random(42 + round);
        StringBuilder out = new StringBuilder(rows * 90);
        out.append("id,agent,product,account,stage,engaged,closed,value\r\n");
        LocalDate start = LocalDate.of(2023, 1, 1);
        for (int i = 0; i < rows; i++) {
            LocalDate engaged = start.plusDays(random.nextInt(900));
            int kind = random.nextInt(3);
            String stage = kind == 0 ? STAGES.get(random.nextInt(STAGES.size())) : random.nextInt(5) < 3 ? "Won" : "Lost";
            boolean open = kind == 0;
            String account = open && random.nextInt(4) == 0 ? "" : "Bench Account " + (1 + random.nextInt(CUSTOMERS));
            out.append('R').append(round).append('-').append(i).append(',')
                    .append("Bench Rep ").append(1 + random.nextInt(REPS)).append(',')
                    .append(PRODUCTS.get(random.nextInt(PRODUCTS.size()))).append(',')
                    .append(account).append(',')
                    .append(stage).append(',')
                    .append(stage.equals("Prospecting") ? "" : engaged.toString()).append(',')
                    .append(open ? "" : engaged.plusDays(1 + random.nextInt(120)).toString()).append(',')
                    .append(open ? "" : stage.equals("Won") ? Integer.toString(100 + random.nextInt(30_000)) : "0")
                    .append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void report(DataSource dataSource, int rows, long bytes, int rounds, int warmup, Stats stats)
            throws SQLException {
        String postgres;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version()")) {
            rs.next();
            postgres = rs.getString(1);
        }
        StringBuilder out = new StringBuilder("\n## Import benchmark\n\n");
        out.append(String.format(Locale.ROOT, "- File: %,d opportunity rows, %.1f MB of UTF-8 CSV, 8 columns; "
                + "%d reps, %,d customers, %d products%n", rows, bytes / 1024.0 / 1024.0, REPS, CUSTOMERS,
                PRODUCTS.size()));
        out.append(String.format(Locale.ROOT, "- %d measured rounds after %d warm-up round(s), all-or-nothing mode%n",
                rounds, warmup));
        out.append("- Machine: ").append(Machine.describe()).append('\n');
        out.append("- Database: ").append(postgres).append(", on the same machine\n");
        out.append("- Date: ").append(LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append("\n\n");
        out.append("| Import of the whole file | Median | p95 |\n|---|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| Time (s) | %.2f | %.2f |%n", stats.median() / 1000,
                stats.p95() / 1000));
        out.append(String.format(Locale.ROOT, "| Rows per second | %,.0f | %,.0f |%n", rows / (stats.median() / 1000),
                rows / (stats.p95() / 1000)));
        System.out.println(out);
    }
}
