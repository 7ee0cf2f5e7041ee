package dev.funnel.bench;

import dev.funnel.FunnelApplication;
import dev.funnel.identity.internal.FunnelUserDetailsService;
import dev.funnel.pipeline.BoardCard;
import dev.funnel.pipeline.BoardColumn;
import dev.funnel.pipeline.BoardFilter;
import dev.funnel.pipeline.BoardService;
import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.StageProgressService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.pipeline.Stage;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.TestDatabaseSession;
import java.time.ZoneId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How long the server takes to build the pipeline board and to move a card when there are many open deals, next
 * to the same work done in plain SQL over JDBC, measured in the same run on the same database.
 *
 * <p>Starts the real application on a fresh database of its own, bulk-loads a sales organisation with plain SQL,
 * signs in as the administrator (who sees every deal: the board's worst case) and times, after a warm-up:
 * <ul>
 *   <li>building the board: {@link BoardService#columns} and the first page of 20 cards of every column;</li>
 *   <li>moving a card: {@link StageProgressService#moveToStage} forward one stage and back, each call a sample;</li>
 *   <li>the plain-SQL baselines of both: the column heads' GROUP BY plus one LIMIT 20 query per column, and an
 *       optimistic UPDATE plus one stage_history INSERT in a transaction.</li>
 * </ul>
 * The difference between a row and its baseline is what the application adds on top of the database: service
 * proxies, security, transactions, loading the pipeline, the stage gate, jOOQ rendering and mapping.
 *
 * <p>Not a unit test (a timed test would be flaky and slow the build): run it by hand, see bench/README.md.
 * Arguments: {@code [opportunities=50000] [iterations=200] [warmup=50]}.
 */
public final class BoardBenchmark {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final int REPS = 20;
    private static final int CUSTOMERS = 2_000;
    private static final int CARDS_PER_COLUMN = 20;
    /** Share of the deals in each of the six stages: most deals sit early in a real funnel. */
    private static final double[] STAGE_SHARES = {0.30, 0.24, 0.18, 0.13, 0.09, 0.06};
    private static final int MIN_OPPORTUNITIES = 1_000;

    private BoardBenchmark() {
    }

    /** What to run: how many open deals, how many measured rounds, how many unmeasured ones first. */
    record Settings(int opportunities, int iterations, int warmup) {

        static Settings parse(String[] args) {
            int[] values = {50_000, 200, 50};
            if (args.length > values.length) {
                throw new IllegalArgumentException(usage());
            }
            for (int i = 0; i < args.length; i++) {
                try {
                    values[i] = Integer.parseInt(args[i].trim().replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(usage(), e);
                }
            }
            // enough deals for a full first page in every column, even the smallest
            if (values[0] < MIN_OPPORTUNITIES || values[1] < 1 || values[2] < 0) {
                throw new IllegalArgumentException(usage());
            }
            return new Settings(values[0], values[1], values[2]);
        }

        static String usage() {
            return "Usage: BoardBenchmark [opportunities>=" + MIN_OPPORTUNITIES + " (50000)] [iterations>=1 (200)]"
                    + " [warmup>=0 (50)]";
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        String database = "funnel_bench_" + LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        try (ConfigurableApplicationContext app = start(database)) {
            new Run(app, settings).execute();
        } finally {
            // the app created the database on start; it is scratch data and large, so it never outlives the run
            TestDatabaseSession.drop(database);
        }
    }

    /**
     * The real application, as a server starts it: the URL on the command line creates the database and runs the
     * changelog; user and password come from FUNNEL_DB_USER / FUNNEL_DB_PASSWORD as in production. Port 0: the
     * benchmark calls the services in-process, but the web layer starts as it would for real.
     */
    private static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(FunnelApplication.class).run(
                "--spring.datasource.url=" + TestDatabaseSession.serverUrl() + database,
                "--server.port=0", "--funnel.automation.cron=-",
                "--funnel.admin-password=" + ADMIN_PASSWORD);
    }

    /** One benchmark run against one started application. */
    private static final class Run {

        private final ConfigurableApplicationContext app;
        private final Settings settings;
        private final DataSource dataSource;
        private final BoardService board;
        private final StageProgressService progress;
        private final Sink sink = new Sink();

        private Pipeline pipeline;
        private BoardFilter filter;
        private long adminId;

        Run(ConfigurableApplicationContext app, Settings settings) {
            this.app = app;
            this.settings = settings;
            this.dataSource = app.getBean(DataSource.class);
            this.board = app.getBean(BoardService.class);
            this.progress = app.getBean(StageProgressService.class);
        }

        void execute() throws Exception {
            signIn(ADMIN);
            adminId = queryLong("select id from app_user where username = ?", ADMIN);
            pipeline = createPipeline();
            filter = BoardFilter.of(pipeline.id());

            long loadStart = System.nanoTime();
            load();
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long open = queryLong("select count(*) from opportunity where status = 'OPEN' and pipeline_id = ?",
                    pipeline.id());
            System.out.printf(Locale.ROOT, "%nLoaded %,d open opportunities in %.1f s%n", open, loadSeconds);

            Results results = measure();
            report(open, results);
        }

        // ---------------------------------------------------------------- data

        /** Six plain stages: no exit criteria, no key activities, so every move passes the gate and adds no task. */
        private Pipeline createPipeline() {
            return app.getBean(PipelineService.class).create(new NewPipeline("Bench pipeline", null, true, List.of(
                    new NewStage("Lead", "线索", 5), new NewStage("Qualify", "验证", 10),
                    new NewStage("Needs analysis", "需求分析", 25), new NewStage("Proposal", "方案", 50),
                    new NewStage("Negotiation", "谈判", 75), new NewStage("Commitment", "承诺", 90))));
        }

        /**
         * Plain SQL with generate_series, in one transaction: creating 50,000 deals through the services would take
         * far longer than the benchmark and measure nothing it reports. A fixed random seed makes reruns load the
         * same data.
         */
        private void load() throws SQLException {
            String passwordHash = app.getBean(PasswordEncoder.class).encode("bench-rep-password");
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                execute(c, "select setseed(0.42)");
                long teamId = queryLong(c, "insert into team (name, created_by) values ('Bench team', ?) returning id",
                        adminId);
                execute(c, """
                        insert into app_user (username, full_name, password_hash, team_id, created_by)
                        select 'bench.rep' || lpad(g::text, 2, '0'), 'Bench Rep ' || g, ?, ?, ?
                        from generate_series(1, ?) g""", passwordHash, teamId, adminId, REPS);
                execute(c, """
                        insert into user_role (user_id, role)
                        select id, 'SALES_REP' from app_user where team_id = ?""", teamId);
                execute(c, """
                        insert into customer (name, city, owner_id, created_by)
                        select 'Bench customer ' || lpad(g::text, 4, '0'),
                               (array['Shanghai', 'Beijing', 'Shenzhen', 'Hangzhou', 'Chengdu'])[1 + g % 5],
                               reps.ids[1 + g % array_length(reps.ids, 1)], ?
                        from generate_series(1, ?) g,
                             (select array_agg(id order by id) ids from app_user where team_id = ?) reps""",
                        adminId, CUSTOMERS, teamId);
                loadOpportunities(c);
                // every deal has the line its creation would have written, as the board's neighbours expect
                execute(c, """
                        insert into stage_history (opportunity_id, event, to_stage_id, changed_by, changed_at)
                        select id, 'CREATED', stage_id, owner_id, created_at from opportunity where pipeline_id = ?""",
                        pipeline.id());
                c.commit();
                c.setAutoCommit(true);
                // VACUUM as well as ANALYZE: fresh statistics, and autovacuum has nothing left to do on the new
                // rows, so it does not wake up in the middle of the measurements
                execute(c, "vacuum analyze");
            }
        }

        /**
         * The deals: customers in turn (the deal's owner is the customer's), stages skewed by {@link #STAGE_SHARES},
         * entered their stage at some time in the last 90 days, amounts from 5,000 to 1,000,000 CNY.
         */
        private void loadOpportunities(Connection c) throws SQLException {
            StringBuilder stageOf = new StringBuilder("case");
            double cumulative = 0;
            for (int i = 0; i < STAGE_SHARES.length - 1; i++) {
                cumulative += STAGE_SHARES[i];
                stageOf.append(String.format(Locale.ROOT, " when x.r < %.4f then %d", cumulative, i + 1));
            }
            stageOf.append(" else ").append(STAGE_SHARES.length).append(" end");
            Array stageIds = c.createArrayOf("int8", pipeline.stages().stream().map(Stage::id).toArray());
            execute(c, """
                    with customers as (select array_agg(id order by id) ids from customer),
                         x as (select g, random() r, random() amount, random() closing,
                                      now() - random() * interval '90 days' entered
                               from generate_series(1, ?) g)
                    insert into opportunity (name, customer_id, owner_id, pipeline_id, stage_id, stage_entered_at,
                                             amount, currency, expected_close_date, lead_source, grade, status,
                                             created_at, created_by, updated_at, updated_by)
                    select 'Bench deal ' || x.g, cu.id, cu.owner_id, ?, (?::bigint[])[%s], x.entered,
                           round((5000 + x.amount * 995000)::numeric, 2), 'CNY',
                           current_date + (14 + x.closing * 166)::int,
                           (array['website', 'referral', 'exhibition', 'partner', 'cold-call',
                                  'advertising'])[1 + x.g %% 6],
                           (array['A', 'B', 'C'])[1 + x.g %% 3], 'OPEN',
                           x.entered - interval '7 days', cu.owner_id, x.entered, cu.owner_id
                    from x cross join customers
                    join customer cu on cu.id = customers.ids[1 + x.g %% array_length(customers.ids, 1)]
                    """.formatted(stageOf),
                    settings.opportunities(), pipeline.id(), stageIds);
        }

        // ---------------------------------------------------------------- measurements

        /** The four series, in milliseconds per sample. */
        record Results(Stats boardApp, Stats boardSql, Stats moveApp, Stats moveSql) {
        }

        /**
         * Warm-up rounds, then measured ones. The four kinds of work alternate within each round rather than run
         * one after the other, so that drift on the machine (other load, caches, autovacuum) touches all alike.
         */
        private Results measure() throws SQLException {
            // the longest-waiting deal of the first column moves for the app, the next one for the baseline: two
            // deals, so the baseline's version counter and the app's never race
            List<BoardCard> firstColumn = board.cards(filter, firstStage().id(), new PageRequest(0, 2));
            Mover app = new AppMover(firstColumn.get(0));
            Mover sql = new SqlMover(firstColumn.get(1));

            int rounds = settings.warmup() + settings.iterations();
            long[] boardApp = new long[settings.iterations()];
            long[] boardSql = new long[settings.iterations()];
            long[] moveApp = new long[2 * settings.iterations()];
            long[] moveSql = new long[2 * settings.iterations()];
            System.out.printf(Locale.ROOT, "Warm-up: %d rounds; measured: %d rounds%n", settings.warmup(),
                    settings.iterations());
            for (int round = 0; round < rounds; round++) {
                int i = round - settings.warmup();
                long tBoardApp = time(this::buildBoardThroughApp);
                long tBoardSql = time(this::buildBoardInSql);
                long tForwardApp = time(app::forward);
                long tBackApp = time(app::back);
                long tForwardSql = time(sql::forward);
                long tBackSql = time(sql::back);
                if (i >= 0) {
                    boardApp[i] = tBoardApp;
                    boardSql[i] = tBoardSql;
                    moveApp[2 * i] = tForwardApp;
                    moveApp[2 * i + 1] = tBackApp;
                    moveSql[2 * i] = tForwardSql;
                    moveSql[2 * i + 1] = tBackSql;
                }
                if ((round + 1) % 50 == 0) {
                    System.out.printf(Locale.ROOT, "  %d/%d rounds%n", round + 1, rounds);
                }
            }
            sink.check(settings.opportunities());
            return new Results(Stats.of(boardApp), Stats.of(boardSql), Stats.of(moveApp), Stats.of(moveSql));
        }

        /** The board as the view builds it: the column heads, then the first page of every column. */
        private void buildBoardThroughApp() {
            List<BoardColumn> columns = board.columns(filter);
            long cards = 0;
            for (BoardColumn column : columns) {
                cards += board.cards(filter, column.stage().id(), new PageRequest(0, CARDS_PER_COLUMN)).size();
            }
            sink.board(columns.stream().mapToLong(BoardColumn::count).sum(), cards);
        }

        /** The same board in plain SQL: the queries BoardRepository renders for the administrator, over JDBC. */
        private void buildBoardInSql() throws SQLException {
            try (Connection c = dataSource.getConnection()) {
                long total = 0;
                try (PreparedStatement heads = c.prepareStatement("""
                        select o.stage_id, count(*), count(o.company_amount),
                               coalesce(sum(o.company_amount), 0),
                               coalesce(sum(o.company_amount * s.probability / 100), 0)
                        from opportunity o join stage s on s.id = o.stage_id
                        where o.pipeline_id = ? and o.status = 'OPEN'
                        group by o.stage_id""")) {
                    heads.setLong(1, pipeline.id());
                    try (ResultSet rs = heads.executeQuery()) {
                        while (rs.next()) {
                            total += rs.getLong(2);
                            sink.consume(rs.getBigDecimal(4), rs.getBigDecimal(5));
                        }
                    }
                }
                long cards = 0;
                try (PreparedStatement page = c.prepareStatement("""
                        select o.id, o.version, o.name, cu.name, o.amount, o.currency, o.owner_id, u.full_name,
                               o.stage_id, o.stage_entered_at, o.grade
                        from opportunity o
                        join customer cu on cu.id = o.customer_id
                        join app_user u on u.id = o.owner_id
                        where o.pipeline_id = ? and o.status = 'OPEN' and o.stage_id = ?
                        order by o.stage_entered_at, o.id
                        limit ? offset 0""")) {
                    for (Stage stage : pipeline.stages()) {
                        page.setLong(1, pipeline.id());
                        page.setLong(2, stage.id());
                        page.setInt(3, CARDS_PER_COLUMN);
                        try (ResultSet rs = page.executeQuery()) {
                            while (rs.next()) {
                                cards++;
                                sink.consume(rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                                        rs.getObject(10, OffsetDateTime.class));
                            }
                        }
                    }
                }
                sink.board(total, cards);
            }
        }

        /** Moves one deal between the first two stages and back; every call is one sample. */
        private interface Mover {
            void forward() throws SQLException;

            void back() throws SQLException;
        }

        /** Through the service, gate and all; the version comes back with the moved deal, as the UI keeps it. */
        private final class AppMover implements Mover {
            private final long id;
            private int version;

            AppMover(BoardCard card) {
                this.id = card.id();
                this.version = card.version();
            }

            @Override
            public void forward() {
                move(pipeline.stages().get(1));
            }

            @Override
            public void back() {
                move(firstStage());
            }

            private void move(Stage target) {
                Opportunity moved = progress.moveToStage(id, version, target.id(), null);
                version = moved.version();
            }
        }

        /** The least a move must write: the optimistic update and the history line, in one transaction. */
        private final class SqlMover implements Mover {
            private final long id;
            private int version;

            SqlMover(BoardCard card) {
                this.id = card.id();
                this.version = card.version();
            }

            @Override
            public void forward() throws SQLException {
                move(firstStage(), pipeline.stages().get(1));
            }

            @Override
            public void back() throws SQLException {
                move(pipeline.stages().get(1), firstStage());
            }

            private void move(Stage from, Stage to) throws SQLException {
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    try (PreparedStatement update = c.prepareStatement("""
                            update opportunity set stage_id = ?, stage_entered_at = now(), version = version + 1
                            where id = ? and version = ?""");
                         PreparedStatement history = c.prepareStatement("""
                                 insert into stage_history (opportunity_id, event, from_stage_id, to_stage_id,
                                                            changed_by, changed_at)
                                 values (?, 'MOVED', ?, ?, ?, now())""")) {
                        update.setLong(1, to.id());
                        update.setLong(2, id);
                        update.setInt(3, version);
                        if (update.executeUpdate() != 1) {
                            throw new IllegalStateException("deal " + id + " was not at version " + version);
                        }
                        history.setLong(1, id);
                        history.setLong(2, from.id());
                        history.setLong(3, to.id());
                        history.setLong(4, adminId);
                        history.executeUpdate();
                        c.commit();
                        version++;
                    } catch (SQLException | RuntimeException e) {
                        c.rollback();
                        throw e;
                    }
                    // Hikari restores auto-commit when the connection goes back to the pool
                }
            }
        }

        private Stage firstStage() {
            return pipeline.stages().get(0);
        }

        // ---------------------------------------------------------------- report

        private void report(long open, Results r) throws SQLException {
            String postgres = queryString("select version()");
            int samples = settings.iterations();
            StringBuilder out = new StringBuilder();
            out.append("\n## Board benchmark\n\n");
            out.append(String.format(Locale.ROOT, "- Open opportunities: %,d (one pipeline of %d stages, %d reps, "
                    + "%,d customers); cards per stage: %s%n", open, pipeline.stages().size(), REPS, CUSTOMERS,
                    stageCounts()));
            out.append(String.format(Locale.ROOT, "- Signed in as the administrator (sees every deal); %d measured "
                    + "rounds after %d warm-up rounds%n", samples, settings.warmup()));
            out.append("- Machine: ").append(Machine.describe()).append('\n');
            out.append("- Database: ").append(postgres).append(", on the same machine\n");
            out.append("- Date: ").append(LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                    .append("\n\n");
            out.append("| Server work | Median (ms) | p95 (ms) | Samples |\n");
            out.append("|---|---:|---:|---:|\n");
            row(out, "Build the board: `BoardService.columns` + `cards` (20) for each of 6 stages", r.boardApp());
            row(out, "Build the board, plain SQL baseline: 1 `GROUP BY` + 6 × `LIMIT 20` over JDBC", r.boardSql());
            row(out, "Move a card: `StageProgressService.moveToStage` (forward and back, each a sample)", r.moveApp());
            row(out, "Move a card, plain SQL baseline: `UPDATE` + `INSERT` into stage_history, one transaction",
                    r.moveSql());
            System.out.println(out);
        }

        private static void row(StringBuilder out, String what, Stats stats) {
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %d |%n", what, stats.median(), stats.p95(),
                    stats.size()));
        }

        private String stageCounts() {
            List<String> counts = new ArrayList<>();
            for (BoardColumn column : board.columns(filter)) {
                counts.add(String.format(Locale.ROOT, "%,d", column.count()));
            }
            return String.join(" / ", counts);
        }

        // ---------------------------------------------------------------- plumbing

        /** Signs in on this thread through the application's own strategy, as the test support does. */
        private void signIn(String username) {
            var user = app.getBean(FunnelUserDetailsService.class).loadUserByUsername(username);
            app.getBean(SecurityContextHolderStrategy.class).getContext().setAuthentication(
                    new UsernamePasswordAuthenticationToken(user, user.getPassword(), user.getAuthorities()));
        }

        private long queryLong(String sql, Object... parameters) throws SQLException {
            try (Connection c = dataSource.getConnection()) {
                return queryLong(c, sql, parameters);
            }
        }

        private String queryString(String sql) throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }

        private static long queryLong(Connection c, String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = prepare(c, sql, parameters); ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row: " + sql);
                }
                return rs.getLong(1);
            }
        }

        private static void execute(Connection c, String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = prepare(c, sql, parameters)) {
                statement.execute();
            }
        }

        private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
            PreparedStatement statement = c.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        }
    }

    /** Times one piece of work; checked exceptions end the run, they are not part of any measurement. */
    private static long time(Work work) {
        long start = System.nanoTime();
        try {
            work.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - start;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /**
     * Keeps the results of the measured work in use and checks them: every board must count every deal and show
     * a full first page in every column, or the timings would be of the wrong work.
     */
    private static final class Sink {
        private long lastTotal = -1;
        private long lastCards = -1;
        private int hash;

        void board(long total, long cards) {
            if (lastTotal >= 0 && (total != lastTotal || cards != lastCards)) {
                throw new IllegalStateException("boards differ: " + total + "/" + cards + " vs " + lastTotal + "/"
                        + lastCards);
            }
            lastTotal = total;
            lastCards = cards;
        }

        void consume(Object... values) {
            hash = 31 * hash + Arrays.hashCode(values);
        }

        void check(long opportunities) {
            if (lastTotal != opportunities || lastCards != (long) STAGE_SHARES.length * CARDS_PER_COLUMN) {
                throw new IllegalStateException("the board showed " + lastTotal + " deals and " + lastCards
                        + " cards (" + hash + ")");
            }
        }
    }
}
