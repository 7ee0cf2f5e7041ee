package dev.funnel.bench;

import dev.funnel.FunnelApplication;
import dev.funnel.identity.internal.FunnelUserDetailsService;
import dev.funnel.pipeline.BoardColumn;
import dev.funnel.pipeline.BoardFilter;
import dev.funnel.pipeline.BoardService;
import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.PageRequest;
import dev.funnel.scoring.ScorerStatus;
import dev.funnel.scoring.ScoringService;
import dev.funnel.testsupport.TestDatabaseSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;
import org.pf4j.PluginManager;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The bundled win-probability scorer at scale (issue 15): training on the company's closed deals (their
 * point-in-time snapshots built by the host included), scoring every open deal, scoring one deal after a change,
 * and the board with scores beside the board without them.
 *
 * <p>Starts the real application on a scratch database with the distribution's plugins, loads closed and open
 * deals with plain SQL (a fixed seed: stage ledger, follow-ups, customers with industry, size and city), stops
 * the deal-grade plugin so that only the bundled model is timed, and prints Markdown for docs/performance.md.
 * Arguments: {@code [closed=200000] [open=100000] [singles=200] [boardRounds=40]}. Run by hand: bench/README.md.
 */
public final class ScoringBenchmark {

    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final String SCORER = "win-probability";
    private static final int REPS = 40;
    private static final int CUSTOMERS = 5_000;

    private ScoringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] values = {200_000, 100_000, 200, 40};
        for (int i = 0; i < Math.min(args.length, values.length); i++) {
            values[i] = Integer.parseInt(args[i].trim().replace("_", ""));
        }
        String database = "funnel_bench_" + LocalDateTime.now(ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        Path plugins = Path.of(System.getProperty("bench.plugins", "app/target/dist/plugins")).toAbsolutePath();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FunnelApplication.class).run(
                "--spring.datasource.url=" + TestDatabaseSession.serverUrl() + database, "--server.port=0",
                "--funnel.automation.cron=-", "--funnel.admin-password=" + ADMIN_PASSWORD,
                "--funnel.plugins-dir=" + plugins, "--funnel.scoring.after-change-delay=1h")) {
            new Run(app, values[0], values[1], values[2], values[3]).execute();
        } finally {
            TestDatabaseSession.drop(database);
        }
    }

    private static final class Run {

        private final ConfigurableApplicationContext app;
        private final int closed;
        private final int open;
        private final int singles;
        private final int boardRounds;
        private final DataSource dataSource;
        private final ScoringService scoring;
        private final BoardService board;
        private Pipeline pipeline;

        Run(ConfigurableApplicationContext app, int closed, int open, int singles, int boardRounds) {
            this.app = app;
            this.closed = closed;
            this.open = open;
            this.singles = singles;
            this.boardRounds = boardRounds;
            this.dataSource = app.getBean(DataSource.class);
            this.scoring = app.getBean(ScoringService.class);
            this.board = app.getBean(BoardService.class);
        }

        void execute() throws Exception {
            signIn("admin");
            // only the bundled model is timed
            app.getBean(PluginManager.class).stopPlugin("deal-grade");
            pipeline = app.getBean(PipelineService.class).create(new NewPipeline("Bench pipeline", null, true,
                    List.of(new NewStage("Lead", "线索", 5), new NewStage("Qualify", "验证", 10),
                            new NewStage("Needs analysis", "需求分析", 25), new NewStage("Proposal", "方案", 50),
                            new NewStage("Negotiation", "谈判", 75), new NewStage("Commitment", "承诺", 90))));
            long loadStart = System.nanoTime();
            long[] loaded = load();
            System.out.printf(Locale.ROOT, "Loaded %,d closed and %,d open deals, %,d follow-ups in %.0f s%n",
                    loaded[0], loaded[1], loaded[2], (System.nanoTime() - loadStart) / 1e9);

            long trainStart = System.nanoTime();
            ScorerStatus trained = scoring.train(SCORER, Locale.ENGLISH);
            double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
            if (trained.trainingFailure() != null) {
                throw new IllegalStateException("training failed: " + trained.trainingFailure());
            }
            System.out.printf(Locale.ROOT, "Trained in %.1f s on %,d snapshots: %s%n", trainSeconds,
                    trained.model().examples(), trained.model().report());
            // training scores every open deal in the background; let it finish before anything is timed
            waitForBackgroundScoring();

            scoring.choosePrimary(SCORER);
            List<Double> allSeconds = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                int stored = scoring.rescoreAll();
                allSeconds.add((System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT, "Scored %,d open deals in %.1f s%n", stored, allSeconds.get(round));
            }

            List<Long> ids = openDealIds();
            Random random = new Random(42);
            long[] single = new long[singles];
            for (int i = -20; i < singles; i++) {
                long id = ids.get(random.nextInt(ids.size()));
                long start = System.nanoTime();
                scoring.rescore(id, Locale.ENGLISH);
                if (i >= 0) {
                    single[i] = System.nanoTime() - start;
                }
            }

            // the board with the deals' win probabilities and without them, in alternating blocks
            BoardFilter filter = BoardFilter.of(pipeline.id());
            List<Long> with = new ArrayList<>();
            List<Long> without = new ArrayList<>();
            List<Long> switches = new ArrayList<>();
            for (int block = 0; block < 4; block++) {
                boolean scored = block % 2 == 0;
                long switchStart = System.nanoTime();
                scoring.choosePrimary(scored ? SCORER : null);
                switches.add(System.nanoTime() - switchStart);
                for (int i = -5; i < boardRounds / 2; i++) {
                    long start = System.nanoTime();
                    List<BoardColumn> columns = board.columns(filter);
                    for (BoardColumn column : columns) {
                        board.cards(filter, column.stage().id(), new PageRequest(0, 20));
                    }
                    if (i >= 0) {
                        (scored ? with : without).add(System.nanoTime() - start);
                    }
                }
            }
            report(loaded, trained, trainSeconds, allSeconds, Stats.of(single), Stats.of(toArray(with)),
                    Stats.of(toArray(without)), switches);
        }

        private void waitForBackgroundScoring() throws Exception {
            long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000;
            long previous = -1;
            while (System.nanoTime() < deadline) {
                long scored = queryLong("select count(*) from deal_score where scorer_id = '" + SCORER + "'");
                if (scored >= open && scored == previous) {
                    return;
                }
                previous = scored;
                Thread.sleep(2_000);
            }
            throw new IllegalStateException("the background scoring did not finish");
        }

        private List<Long> openDealIds() throws SQLException {
            List<Long> ids = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select id from opportunity where status = 'OPEN' order by id")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }

        /**
         * Closed deals over the last two years, each living 2 to 17 weeks, reaching stage 1 to 6; half of them
         * worked (a next step, four follow-ups), the rest with one follow-up; won with a probability that rises with
         * the work and the stage reached. Open deals created in the last 90 days, the same way. Ids start at
         * 1,000,001.
         */
        private long[] load() throws SQLException {
            String stageIds = "array[" + String.join(",", pipeline.stages().stream()
                    .map(s -> String.valueOf(s.id())).toList()) + "]::bigint[]";
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("select setseed(0.15)");
                s.execute("insert into app_user (username, full_name, password_hash) select 'bench.rep' || g, "
                        + "'Bench Rep ' || g, '{noop}x' from generate_series(1, " + REPS + ") g");
                s.execute("insert into user_role (user_id, role) select id, 'SALES_REP' from app_user "
                        + "where username like 'bench.rep%'");
                s.execute("""
                        insert into customer (name, normalized_name, owner_id, industry, city, employee_count)
                        select 'Bench customer ' || g, 'benchcustomer' || g,
                               (select min(id) from app_user where username like 'bench.rep%%') + g %% %d,
                               (array['Manufacturing', 'Software', 'Retail', 'Healthcare', 'Education',
                                      'Logistics'])[1 + g %% 6],
                               (array['Shanghai', 'Beijing', 'Shenzhen', 'Hangzhou', 'Chengdu'])[1 + g %% 5],
                               (20 + random() * 5000)::int
                        from generate_series(1, %d) g""".formatted(REPS, CUSTOMERS));
                s.execute("""
                        create temp table deal as
                        select n, closed, engaged, maxpos, created_at, life,
                               case when not closed then 'OPEN'
                                    when random() < 1 / (1 + exp(-(-2.2 + 1.3 * engaged::int + 0.35 * maxpos)))
                                    then 'WON' else 'LOST' end as status,
                               round((10000 + random() * 990000)::numeric, 2) as amount
                        from (select n, closed, random() < 0.5 as engaged,
                                     1 + floor(random() * 6)::int as maxpos,
                                     case when closed then now() - life - (1 + random() * 700) * interval '1 day'
                                          else now() - life end as created_at,
                                     life
                              from (select g + 1000000 as n, g <= %d as closed,
                                           case when g <= %d then (14 + random() * 105) * interval '1 day'
                                                else (1 + random() * 89) * interval '1 day' end as life
                                    from generate_series(1, %d) g) raw) shaped""".formatted(closed, closed,
                        closed + open));
                s.execute("""
                        insert into opportunity (id, name, customer_id, owner_id, pipeline_id, stage_id,
                                                 stage_entered_at, amount, company_amount, currency,
                                                 expected_close_date, lead_source, next_step, status, closed_at,
                                                 actual_amount, actual_close_date, lost_reason, created_at,
                                                 updated_at, reached_position, ever_won, revisions_since)
                        select d.n, 'Bench deal ' || d.n, (select min(id) from customer) + d.n %% %d,
                               (select min(id) from app_user where username like 'bench.rep%%') + d.n %% %d, %d,
                               (%s)[d.maxpos], d.created_at + (d.maxpos - 1) * d.life / d.maxpos, d.amount,
                               d.amount, 'CNY', (d.created_at + d.life + interval '30 days')::date,
                               (array['website', 'referral', 'exhibition', 'cold_call', 'partner'])[1 + d.n %% 5],
                               case when d.engaged then 'Workshop with the buying team' end, d.status,
                               case when d.closed then d.created_at + d.life end,
                               case when d.status = 'WON' then d.amount end,
                               case when d.closed then (d.created_at + d.life)::date end,
                               case when d.status = 'LOST' then 'price' end,
                               d.created_at, d.created_at + d.life, d.maxpos, d.status = 'WON', d.created_at
                        from deal d""".formatted(CUSTOMERS, REPS, pipeline.id(), stageIds));
                s.execute("select setval(pg_get_serial_sequence('opportunity', 'id'), "
                        + "(select max(id) from opportunity))");
                s.execute("alter table stage_history disable trigger tr_stage_history_entries");
                s.execute("""
                        insert into stage_history (opportunity_id, event, from_stage_id, to_stage_id, changed_at)
                        select d.n, case when k = 1 then 'CREATED' else 'MOVED' end,
                               case when k > 1 then (%1$s)[k - 1] end, (%1$s)[k],
                               d.created_at + (k - 1) * d.life / d.maxpos
                        from deal d, generate_series(1, d.maxpos) k""".formatted(stageIds));
                s.execute("""
                        insert into stage_history (opportunity_id, event, from_stage_id, to_stage_id, changed_at)
                        select d.n, d.status, (%1$s)[d.maxpos], (%1$s)[d.maxpos], d.created_at + d.life
                        from deal d where d.closed""".formatted(stageIds));
                s.execute("alter table stage_history enable trigger tr_stage_history_entries");
                s.execute("""
                        insert into activity (type, occurred_at, content, customer_id, opportunity_id, owner_id,
                                              created_at, updated_at)
                        select (array['CALL', 'VISIT', 'WECHAT', 'EMAIL'])[1 + (o.id + j) % 4],
                               d.created_at + d.life * j / 5.0, 'Bench follow-up', o.customer_id, o.id,
                               o.owner_id, d.created_at + d.life * j / 5.0, d.created_at + d.life * j / 5.0
                        from deal d join opportunity o on o.id = d.n,
                             generate_series(1, case when d.engaged then 4 else 1 end) j""");
                s.execute("vacuum analyze");
                s.execute("checkpoint");
                try (ResultSet rs = s.executeQuery("select (select count(*) from opportunity where status <> 'OPEN'),"
                        + " (select count(*) from opportunity where status = 'OPEN'), (select count(*) from activity)")) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                }
            }
        }

        private void report(long[] loaded, ScorerStatus trained, double trainSeconds, List<Double> allSeconds,
                            Stats single, Stats boardWith, Stats boardWithout, List<Long> switches) {
            StringBuilder out = new StringBuilder("\n## Scoring benchmark\n\n");
            out.append("- Machine: ").append(Machine.describe()).append('\n');
            out.append(String.format(Locale.ROOT, "- Data: %,d closed deals, %,d open, %,d follow-ups%n", loaded[0],
                    loaded[1], loaded[2]));
            var report = trained.model().report();
            out.append(String.format(Locale.ROOT, "- Training: %.1f s on %,d snapshots of %,d closed deals "
                            + "(trained on %,d, tested on %,d; AUC %.3f against the stages' %.3f)%n", trainSeconds,
                    trained.model().examples(), report.closedDeals(), report.trainedOn(), report.testedOn(),
                    report.model() == null ? Double.NaN : report.model().auc(),
                    report.baseline() == null ? Double.NaN : report.baseline().auc()));
            out.append("- Scoring every open deal: ").append(allSeconds.stream()
                    .map(v -> String.format(Locale.ROOT, "%.1f s", v)).toList()).append('\n');
            out.append("- Choosing the primary scorer, then none, twice (every open deal's probability set or cleared): ")
                    .append(switches.stream().map(v -> String.format(Locale.ROOT, "%.1f s", v / 1e9)).toList())
                    .append('\n');
            out.append("\n| Series | Samples | Median (ms) | p95 (ms) |\n|---|---|---|---|\n");
            row(out, "One deal scored again (ScoringService.rescore)", single);
            row(out, "Board with win probabilities", boardWith);
            row(out, "Board without them", boardWithout);
            System.out.println(out);
        }

        private static void row(StringBuilder out, String name, Stats stats) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", name, stats.size(), stats.median(),
                    stats.p95()));
        }

        private static long[] toArray(List<Long> values) {
            return values.stream().mapToLong(Long::longValue).toArray();
        }

        private void signIn(String username) {
            var user = app.getBean(FunnelUserDetailsService.class).loadUserByUsername(username);
            app.getBean(SecurityContextHolderStrategy.class).getContext().setAuthentication(
                    new UsernamePasswordAuthenticationToken(user, user.getPassword(), user.getAuthorities()));
        }

        private long queryLong(String sql) throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
