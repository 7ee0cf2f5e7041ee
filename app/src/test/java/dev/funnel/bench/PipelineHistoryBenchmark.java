package dev.funnel.bench;

import dev.funnel.FunnelApplication;
import dev.funnel.analytics.PipelineAsOfReport;
import dev.funnel.analytics.PipelineHistoryService;
import dev.funnel.analytics.PipelineMovement;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.identity.NewTeam;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.internal.FunnelUserDetailsService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.review.DecisionDraft;
import dev.funnel.review.NewReview;
import dev.funnel.review.Review;
import dev.funnel.review.ReviewPeriod;
import dev.funnel.review.ReviewService;
import dev.funnel.testsupport.TestDatabaseSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The pipeline's past at scale (issue 16): the reports benchmark's 1,000,000 opportunities and their stage ledger,
 * plus a field history (amount changes on most deals, one to three close-date pushes on most open ones), from
 * which {@code funnel_rebuild_deal_states()} derives the deals' states over time. Then, for the whole company as
 * the administrator sees it: the pipeline as of yesterday, and the movement of the last week and of the last
 * quarter, each next to hand-written SQL over the same deal_state table computing the same figures, alternating
 * within every round; and a review meeting of one team holding all 200 reps (every deal): opening it while it is
 * open (its prepared agenda), preparing its agenda again, and opening it once closed (its frozen snapshot).
 *
 * <p>Each round checks that the app and the SQL agree on the number of deals, so a fast wrong answer fails the run.
 *
 * <p>Not a unit test: run it by hand (bench/README.md). Arguments:
 * {@code [opportunities=1000000] [rounds=20] [warmup=3]}. {@code -Dbench.keep-database=true} keeps the database;
 * {@code -Dbench.database=NAME} measures again on a database an earlier run kept (loaded the same day: the data's
 * dates are relative to the day it was loaded), without loading it again.
 */
public final class PipelineHistoryBenchmark {

    private static final String OPEN_REVIEW =
            "Open this week's prepared review (with last week's decisions as they stand)";
    private static final String CLOSED_REVIEW = "Open last week's closed review (frozen snapshot)";

    private PipelineHistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int deals = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String kept = System.getProperty("bench.database");
        String database = kept != null ? kept : "funnel_bench_" + LocalDateTime.now(ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FunnelApplication.class).run(
                "--spring.datasource.url=" + TestDatabaseSession.serverUrl() + database, "--server.port=0",
                "--funnel.admin-password=" + ReportsBenchmark.ADMIN_PASSWORD,
                "--spring.datasource.hikari.maximum-pool-size=4",
                // no automation run in the middle of the measurements
                "--funnel.automation.cron=-")) {
            run(app, deals, rounds, warmup);
        } finally {
            if (kept == null && !Boolean.getBoolean("bench.keep-database")) {
                TestDatabaseSession.drop(database);
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, int deals, int rounds, int warmup) throws Exception {
        var user = app.getBean(FunnelUserDetailsService.class).loadUserByUsername(ReportsBenchmark.ADMIN);
        app.getBean(SecurityContextHolderStrategy.class).getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(user, user.getPassword(), user.getAuthorities()));
        DataSource dataSource = app.getBean(DataSource.class);
        var loaded = app.getBean(PipelineService.class).list().stream()
                .filter(p -> p.name().equals(ReportsBenchmark.PIPELINE_NAME)).findFirst();
        Pipeline pipeline;
        long[] sizes;
        long[] history;
        if (loaded.isPresent()) {
            pipeline = loaded.get();
            sizes = new long[] {count(dataSource, "select count(*) from opportunity"),
                    count(dataSource, "select count(*) from stage_history")};
            history = new long[] {count(dataSource, "select count(*) from deal_revision"),
                    count(dataSource, "select count(*) from deal_revision where field = 'AMOUNT'"),
                    count(dataSource, "select count(*) from deal_revision where field = 'EXPECTED_CLOSE'"),
                    count(dataSource, "select count(*) from deal_state"),
                    count(dataSource, "select count(*) from deal_state where status = 'OPEN'"), 0};
            System.out.println("measuring again on the data loaded before");
        } else {
            pipeline = ReportsBenchmark.pipeline(app);
            long loadStart = System.nanoTime();
            sizes = ReportsBenchmark.load(dataSource, pipeline, deals);
            System.out.printf(Locale.ROOT, "loaded %,d opportunities and %,d history lines in %.0f s%n", sizes[0],
                    sizes[1], (System.nanoTime() - loadStart) / 1e9);
            history = loadFieldHistory(dataSource, pipeline);
        }

        ZoneId zone = app.getBean(Clock.class).getZone();
        LocalDate today = LocalDate.now(zone);
        LocalDate asOf = today.minusDays(1);
        LocalDate weekAgo = asOf.minusDays(7);
        LocalDate quarterAgo = asOf.minusDays(91);
        PipelineHistoryService reports = app.getBean(PipelineHistoryService.class);
        ReportFilter company = new ReportFilter(null, null, pipeline.id(), null, null, null, null, null);
        Sql sql = new Sql(dataSource, pipeline.id(), zone);

        Map<String, Pair> measured = new LinkedHashMap<>();
        measured.put("Pipeline as of yesterday", new Pair(() -> deals(reports.asOf(company, asOf)),
                () -> sql.asOf(asOf)));
        measured.put("Movement over the last week", new Pair(() -> deals(reports.movement(company, weekAgo, asOf)),
                () -> sql.movement(weekAgo, asOf)));
        LocalDate monthAgo = asOf.minusMonths(1);
        measured.put("Movement over the last month", new Pair(() -> deals(reports.movement(company, monthAgo, asOf)),
                () -> sql.movement(monthAgo, asOf)));
        measured.put("Movement over the last quarter", new Pair(
                () -> deals(reports.movement(company, quarterAgo, asOf)), () -> sql.movement(quarterAgo, asOf)));

        StringBuilder out = new StringBuilder("\n## Pipeline history benchmark\n\n");
        out.append(String.format(Locale.ROOT, "- %,d opportunities, %,d stage-history lines, %,d field revisions "
                + "(%,d amount changes, %,d close-date pushes), %,d deal states (%,d of them open spans); "
                + "%d reps; signed in as the administrator (sees every deal)%n", sizes[0], sizes[1], history[0],
                history[1], history[2], history[3], history[4], ReportsBenchmark.REPS));
        if (history[5] > 0) {
            out.append(String.format(Locale.ROOT, "- Deriving the deal states (funnel_rebuild_deal_states()): %.0f s%n",
                    history[5] / 1e9));
        }
        out.append(String.format(Locale.ROOT, "- As of %s; movement from %s, from %s and from %s to %s; %d measured "
                + "rounds after %d warm-up rounds, app and SQL alternating%n", asOf, weekAgo, asOf.minusMonths(1),
                quarterAgo, asOf, rounds,
                warmup));
        out.append("- Machine: ").append(Machine.describe()).append('\n');
        out.append("- Date: ").append(LocalDateTime.now(ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append("\n\n");
        out.append("| Report | App median (ms) | App p95 (ms) | SQL median (ms) | SQL p95 (ms) | App p95 ÷ SQL p95 |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (var entry : measured.entrySet()) {
            long[] appTimes = new long[rounds];
            long[] sqlTimes = new long[rounds];
            for (int round = 0; round < warmup + rounds; round++) {
                long start = System.nanoTime();
                long appDeals = entry.getValue().app().getAsLong();
                long appTime = System.nanoTime() - start;
                start = System.nanoTime();
                long sqlDeals = entry.getValue().sql().run();
                long sqlTime = System.nanoTime() - start;
                if (appDeals != sqlDeals || appDeals == 0) {
                    throw new IllegalStateException(entry.getKey() + ": the app counted " + appDeals
                            + " deals, the SQL " + sqlDeals);
                }
                if (round >= warmup) {
                    appTimes[round - warmup] = appTime;
                    sqlTimes[round - warmup] = sqlTime;
                }
            }
            Stats a = Stats.of(appTimes);
            Stats s = Stats.of(sqlTimes);
            String row = String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.2f |%n", entry.getKey(),
                    a.median(), a.p95(), s.median(), s.p95(), a.p95() / s.p95());
            System.out.print(row);
            out.append(row);
        }

        out.append("\n| Review meeting of one team of ").append(ReportsBenchmark.REPS)
                .append(" reps (every deal) | Median (ms) | p95 (ms) |\n|---|---:|---:|\n");
        ReviewService reviewService = app.getBean(ReviewService.class);
        Map<String, Long> reviews = reviews(app, dataSource, pipeline, today);
        long open = reviews.get(OPEN_REVIEW);
        Map<String, java.util.function.Supplier<Review>> reviewCalls = new LinkedHashMap<>();
        reviewCalls.put(OPEN_REVIEW, () -> reviewService.get(open));
        reviewCalls.put("Prepare this week's review again (Refresh: the agenda computed and stored)",
                () -> reviewService.refresh(open));
        reviewCalls.put(CLOSED_REVIEW, () -> reviewService.get(reviews.get(CLOSED_REVIEW)));
        for (var entry : reviewCalls.entrySet()) {
            long[] times = new long[rounds];
            for (int round = 0; round < warmup + rounds; round++) {
                long start = System.nanoTime();
                Review review = entry.getValue().get();
                long time = System.nanoTime() - start;
                if (review.agenda().current().openDeals() == 0) {
                    throw new IllegalStateException(entry.getKey() + ": an empty agenda");
                }
                if (round >= warmup) {
                    times[round - warmup] = time;
                }
            }
            Stats t = Stats.of(times);
            String row = String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", entry.getKey(), t.median(), t.p95());
            System.out.print(row);
            out.append(row);
        }
        System.out.println(out);
    }

    private static long deals(PipelineAsOfReport report) {
        return report.deals();
    }

    /** The deals open at the second date: the figure both sides must agree on. */
    private static long deals(PipelineMovement movement) {
        return movement.end().deals();
    }

    /**
     * Puts every bench rep into one team managed by the administrator and prepares its reviews the way a manager
     * does: last week's, with a decision, closed; then this week's, open. Answers their ids by what is measured.
     */
    private static Map<String, Long> reviews(ConfigurableApplicationContext app, DataSource dataSource,
                                             Pipeline pipeline, LocalDate today) throws SQLException {
        long admin;
        long firstRep;
        // named per run: a run on a kept database adds its own team beside the earlier runs'
        Team team = app.getBean(TeamService.class).create(
                new NewTeam("Bench team " + System.currentTimeMillis(), null, null));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update app_user set team_id = " + team.id() + " where username like 'bench.rep%'");
            admin = single(s, "select id from app_user where username = '" + ReportsBenchmark.ADMIN + "'");
            firstRep = single(s, "select min(id) from app_user where username like 'bench.rep%'");
            s.executeUpdate("update team set manager_id = " + admin + " where id = " + team.id());
        }
        ReviewService reviews = app.getBean(ReviewService.class);
        Review last = reviews.start(new NewReview(team.id(), ReviewPeriod.WEEK, today.minusWeeks(1), pipeline.id()));
        reviews.decide(last.id(), new DecisionDraft("Call back every deal pushed twice", firstRep,
                today.plusDays(3), null));
        reviews.close(last.id(), reviews.get(last.id()).version());
        Review current = reviews.start(new NewReview(team.id(), ReviewPeriod.WEEK, today, pipeline.id()));
        Map<String, Long> ids = new LinkedHashMap<>();
        ids.put(OPEN_REVIEW, current.id());
        ids.put(CLOSED_REVIEW, last.id());
        return ids;
    }

    private static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            return single(s, sql);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A field history with plain SQL: six in ten deals had their amount changed once, from within 20 % of today's,
     * some time between creation and close (or now); six in ten open deals had their expected close date pushed
     * one to three times by 30 days each, the latest push the most recent. Then the deals' states are derived from
     * both ledgers, as the 1.9 migration does. Answers the revisions, the amount changes, the pushes, the states,
     * the open states and the nanoseconds the derivation took.
     */
    private static long[] loadFieldHistory(DataSource dataSource, Pipeline pipeline) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select setseed(0.17)");
            long amounts = s.executeUpdate("""
                    insert into deal_revision (opportunity_id, field, old_value, new_value, changed_at)
                    select o.id, 'AMOUNT', round(o.amount * (0.8 + random() * 0.4)::numeric, 2)::text, o.amount::text,
                           o.created_at + random() * (coalesce(o.closed_at, now()) - o.created_at)
                    from opportunity o
                    where o.pipeline_id = %d and random() < 0.6""".formatted(pipeline.id()));
            long pushes = s.executeUpdate("""
                    insert into deal_revision (opportunity_id, field, old_value, new_value, changed_at)
                    select o.id, 'EXPECTED_CLOSE', to_char(o.expected_close_date - 30 * k, 'YYYY-MM-DD'),
                           to_char(o.expected_close_date - 30 * (k - 1), 'YYYY-MM-DD'),
                           now() - (now() - o.created_at) * (k - random()) / p.n
                    from (select id, 1 + floor(random() * 3)::int as n from opportunity
                          where pipeline_id = %d and status = 'OPEN' and expected_close_date is not null
                            and random() < 0.6) p
                    join opportunity o on o.id = p.id, generate_series(1, p.n) k""".formatted(pipeline.id()));
            long start = System.nanoTime();
            s.execute("select funnel_rebuild_deal_states()");
            long derivation = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "%,d amount changes and %,d close-date pushes; derived the deal states "
                    + "in %.0f s%n", amounts, pushes, derivation / 1e9);
            s.execute("vacuum analyze");
            s.execute("checkpoint");
            long states = single(s, "select count(*) from deal_state");
            long open = single(s, "select count(*) from deal_state where status = 'OPEN'");
            return new long[] {amounts + pushes, amounts, pushes, states, open, derivation};
        }
    }

    private record Pair(LongSupplier app, SqlRun sql) {
    }

    @FunctionalInterface
    private interface SqlRun {
        long run() throws SQLException;
    }

    /**
     * The same figures in hand-written statements over deal_state: what a developer would write knowing the
     * table, without the app's services, security, filters or mapping.
     */
    private record Sql(DataSource dataSource, long pipelineId, ZoneId zone) {

        /** The last microsecond of the day in the company's zone, as the app reads "at the end of the day". */
        private String endOf(LocalDate day) {
            return "timestamptz '" + OffsetDateTime.ofInstant(day.plusDays(1).atStartOfDay(zone).toInstant()
                    .minusNanos(1_000), ZoneOffset.UTC) + "'";
        }

        /**
         * Open at the end of a recent day, written for the index of open states by their end (as the app does for
         * the last quarter; every day measured here is in it).
         */
        private String openAt(LocalDate day) {
            return "coalesce(upper(s.valid), 'infinity') > %1$s and lower(s.valid) <= %1$s and s.status = 'OPEN'"
                    .formatted(endOf(day));
        }

        /** Per stage: open deals, amount, weighted amount at the end of the day. Answers the deals. */
        long asOf(LocalDate day) throws SQLException {
            return sum("""
                    select count(*), sum(s.company_amount), sum(s.company_amount * st.probability / 100)
                    from deal_state s join stage st on st.id = s.stage_id
                    where %s and s.pipeline_id = %d
                    group by s.stage_id""".formatted(openAt(day), pipelineId));
        }

        /**
         * The waterfall of the whole pipeline and per stage, the open deals per stage at both ends, and the deals
         * created and closed in between, the way someone who knows the tables would write it: the deals open at the
         * first date per stage; the states that began between the dates and hold at the second, joined to those
         * that hold at the first and ended between them, grouped by way of moving and both stages (every bar, each
         * stage's change and the deals created and closed are sums of these few rows). Answers the deals open at
         * the end.
         */
        long movement(LocalDate from, LocalDate to) throws SQLException {
            String t1 = endOf(from);
            String t2 = endOf(to);
            long start = sum("""
                    select count(*), s.stage_id, sum(s.company_amount) from deal_state s
                    where %s and s.pipeline_id = %d
                    group by s.stage_id""".formatted(openAt(from), pipelineId));
            long change = sum("""
                    with x2 as (select * from deal_state s
                                where lower(s.valid) > %1$s and lower(s.valid) <= %2$s and s.valid @> %2$s),
                         x1 as (select * from deal_state s
                                where upper(s.valid) > %1$s and upper(s.valid) <= %2$s and s.valid @> %1$s),
                         e as (select x1.opportunity_id is not null as existed, x1.status as status1,
                                      coalesce(x1.status = 'OPEN' and x1.pipeline_id = %3$d, false) as open1,
                                      x1.stage_id as stage1, x1.company_amount as amount1, x2.status as status2,
                                      x2.pipeline_id = %3$d as in_pipeline2,
                                      x2.status = 'OPEN' and x2.pipeline_id = %3$d as open2, x2.stage_id as stage2,
                                      x2.company_amount as amount2
                               from x2 left join x1 on x1.opportunity_id = x2.opportunity_id)
                    select count(*) filter (where open2) - count(*) filter (where open1),
                           case when open1 and open2 then sign(coalesce(amount2, 0) - coalesce(amount1, 0))::text
                                when open1 then coalesce(status2, 'LEFT')
                                when not existed and not open2 then 'CREATED_AND_CLOSED'
                                when not existed then 'CREATED'
                                else coalesce(status1, 'JOINED') end as kind,
                           stage1, stage2, sum(amount1), sum(amount2)
                    from e where open1 or open2 or (not existed and status2 in ('WON', 'LOST') and in_pipeline2)
                    group by 2, 3, 4""".formatted(t1, t2, pipelineId));
            return start + change;
        }

        /** Runs a statement and sums its first column. */
        private long sum(String sql) throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                long total = 0;
                while (rs.next()) {
                    total += rs.getLong(1);
                }
                return total;
            }
        }
    }
}
