package dev.funnel.bench;

import dev.funnel.FunnelApplication;
import dev.funnel.analytics.GroupBy;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ReportService;
import dev.funnel.identity.internal.FunnelUserDetailsService;
import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.plugin.api.ForecastCategory;
import dev.funnel.testsupport.TestDatabaseSession;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The funnel reports at scale: 1,000,000 opportunities with about 5,000,000 stage-history lines over three years
 * and 200 reps, then the funnel, conversion (with its bottleneck), win-rate (by owner) and forecast reports for
 * the last 12 months, each next to hand-written SQL that computes the same figures directly, alternating within
 * every round so that machine noise affects both alike.
 *
 * <p>Not a unit test: run it by hand (bench/README.md). Arguments:
 * {@code [opportunities=1000000] [rounds=20] [warmup=3]}. {@code -Dbench.keep-database=true} keeps the database;
 * {@code -Dbench.reports=Funnel,Win rates} measures only the reports whose names start so.
 */
public final class ReportsBenchmark {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "bench-admin-password";
    static final int REPS = 200;
    private static final int CUSTOMERS = 10_000;

    private ReportsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int deals = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String database = "funnel_bench_" + LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FunnelApplication.class).run(
                "--spring.datasource.url=" + TestDatabaseSession.serverUrl() + database, "--server.port=0",
                "--funnel.admin-password=" + ADMIN_PASSWORD, "--spring.datasource.hikari.maximum-pool-size=4",
                // no automation run in the middle of the measurements
                "--funnel.automation.cron=-")) {
            run(app, deals, rounds, warmup);
        } finally {
            if (!Boolean.getBoolean("bench.keep-database")) {
                TestDatabaseSession.drop(database);
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, int deals, int rounds, int warmup) throws Exception {
        var user = app.getBean(FunnelUserDetailsService.class).loadUserByUsername(ADMIN);
        app.getBean(SecurityContextHolderStrategy.class).getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(user, user.getPassword(), user.getAuthorities()));
        Pipeline pipeline = pipeline(app);
        DataSource dataSource = app.getBean(DataSource.class);
        long loadStart = System.nanoTime();
        long[] sizes = load(dataSource, pipeline, deals);
        System.out.printf(Locale.ROOT, "loaded %,d opportunities and %,d history lines in %.0f s%n", sizes[0], sizes[1],
                (System.nanoTime() - loadStart) / 1e9);

        ReportService reports = app.getBean(ReportService.class);
        ZoneId zone = app.getBean(java.time.Clock.class).getZone();
        LocalDate today = LocalDate.now(zone);
        LocalDate from = today.minusMonths(12).plusDays(1);
        // the default: every deal, in the company currency (each converted at its day's rate)
        ReportFilter filter = new ReportFilter(from, today, pipeline.id(), null, null, null, null, null);
        Sql sql = new Sql(dataSource, pipeline.id(), from, today, zone);

        Map<String, Pair> measured = new LinkedHashMap<>();
        measured.put("Funnel", new Pair(() -> reports.funnel(filter), sql::funnel));
        measured.put("Conversion with the bottleneck", new Pair(() -> reports.conversion(filter), sql::conversion));
        measured.put("Win rates by owner", new Pair(() -> reports.winRates(filter, GroupBy.OWNER, Locale.ENGLISH),
                sql::winRates));
        measured.put("Forecast", new Pair(() -> reports.forecast(filter.withPeriod(today.withDayOfMonth(1),
                today.withDayOfMonth(today.lengthOfMonth()))), sql::forecast));

        StringBuilder out = new StringBuilder("\n## Reports benchmark\n\n");
        out.append(String.format(Locale.ROOT, "- %,d opportunities, %,d stage-history lines, %d reps, %,d customers; "
                + "one pipeline of 6 stages; signed in as the administrator (sees every deal)%n", sizes[0], sizes[1],
                REPS, CUSTOMERS));
        out.append(String.format(Locale.ROOT, "- Period: %s to %s (forecast: the current month); %d measured rounds "
                + "after %d warm-up rounds, app and SQL alternating%n", from, today, rounds, warmup));
        out.append("- Machine: ").append(Machine.describe()).append('\n');
        out.append("- Date: ").append(LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append("\n\n");
        out.append("| Report | App median (ms) | App p95 (ms) | SQL median (ms) | SQL p95 (ms) | App p95 ÷ SQL p95 |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        // -Dbench.reports=Funnel,Forecast measures only those (the names of the table's rows, comma-separated)
        String only = System.getProperty("bench.reports");
        if (only != null) {
            List<String> wanted = List.of(only.split(","));
            measured.keySet().removeIf(name -> wanted.stream().noneMatch(w -> name.startsWith(w.trim())));
        }
        for (var entry : measured.entrySet()) {
            long[] appTimes = new long[rounds];
            long[] sqlTimes = new long[rounds];
            for (int round = 0; round < warmup + rounds; round++) {
                long start = System.nanoTime();
                Object report = entry.getValue().app().get();
                long appTime = System.nanoTime() - start;
                if (report == null) {
                    throw new IllegalStateException(entry.getKey() + " answered nothing");
                }
                start = System.nanoTime();
                entry.getValue().sql().run();
                long sqlTime = System.nanoTime() - start;
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
        System.out.println(out);
    }

    /** The benchmark's one pipeline of six stages, created through the service as an administrator does. */
    /** The name of the pipeline the benchmarks create, by which a run on a kept database finds it again. */
    static final String PIPELINE_NAME = "Bench pipeline";

    static Pipeline pipeline(ConfigurableApplicationContext app) {
        return app.getBean(PipelineService.class).create(new NewPipeline(PIPELINE_NAME, null, true,
                List.of(stage("Lead", 10, ForecastCategory.PIPELINE), stage("Qualified", 20, ForecastCategory.PIPELINE),
                        stage("Demo", 40, ForecastCategory.BEST_CASE), stage("Proposal", 60, ForecastCategory.BEST_CASE),
                        stage("Negotiation", 80, ForecastCategory.COMMIT), stage("Contract", 90, ForecastCategory.COMMIT))));
    }

    private static NewStage stage(String name, int probability, ForecastCategory category) {
        return new NewStage(name, name, probability, category, 30, List.of(), List.of());
    }

    private record Pair(Supplier<Object> app, SqlRun sql) {
    }

    @FunctionalInterface
    private interface SqlRun {
        void run() throws SQLException;
    }

    /**
     * Reps, customers and deals with plain SQL. Each deal moves up the stages one step every 2 to 22 days from its
     * creation (some time in the last three years) and, once it had time to, is won (after the last stage), lost
     * (from the stage it reached) or still open. Answers the numbers of opportunities and history lines.
     */
    static long[] load(DataSource dataSource, Pipeline pipeline, int deals) throws SQLException {
        String stageIds = "array[" + String.join(",", pipeline.stages().stream().map(s -> String.valueOf(s.id()))
                .toList()) + "]::bigint[]";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select setseed(0.42)");
            s.execute("insert into app_user (username, full_name, password_hash) select 'bench.rep' || g, "
                    + "'Bench Rep ' || g, '{noop}x' from generate_series(1, " + REPS + ") g");
            s.execute("insert into user_role (user_id, role) select id, 'SALES_REP' from app_user "
                    + "where username like 'bench.rep%'");
            s.execute("insert into customer (name, normalized_name, owner_id) select 'Bench customer ' || g, "
                    + "'benchcustomer' || g, (select min(id) from app_user) from generate_series(1, " + CUSTOMERS
                    + ") g");
            s.execute("""
                    create temp table deal as
                    select n, created_at, step, status, amount,
                           case status when 'WON' then 6 when 'LOST' then 1 + floor(r2 * 5)::int
                                else least(6, 1 + floor(power(r2, 1.5) * 6)::int) end as maxpos
                    from (select n, created_at, r2, round((10000 + random() * 990000)::numeric, 2) as amount,
                                 -- an open deal moves fast enough to have reached its stage by now
                                 case when created_at + step * 7 * interval '1 day' > now()
                                      then least(step, extract(epoch from now() - created_at) / 86400 / 7)
                                      else step end as step,
                                 case when created_at + step * 7 * interval '1 day' > now() then 'OPEN'
                                      when r < 0.35 then 'WON' when r < 0.8 then 'LOST' else 'OPEN' end as status
                          from (select g as n, now() - random() * interval '1095 days' as created_at,
                                       2 + random() * 20 as step, random() as r, random() as r2
                                from generate_series(1, %d) g) raw) shaped""".formatted(deals));
            s.execute("""
                    insert into opportunity (id, name, customer_id, owner_id, pipeline_id, stage_id, stage_entered_at,
                                             amount, currency, expected_close_date, lead_source, status, closed_at,
                                             actual_amount, actual_close_date, created_at, updated_at,
                                             reached_position, ever_won)
                    select d.n, 'Bench deal ' || d.n, (select min(id) from customer) + d.n %% %d,
                           (select min(id) from app_user where username like 'bench.rep%%') + d.n %% %d, %d,
                           (%s)[d.maxpos], d.created_at + (d.maxpos - 1) * d.step * interval '1 day', d.amount, 'CNY',
                           -- open deals expect to close in the next six months; one in six is up to 30 days late
                           case when d.status = 'OPEN' then current_date + (random() * 180 - 30)::int end,
                           (array['website', 'referral', 'exhibition', 'cold_call', 'partner'])[1 + d.n %% 5],
                           d.status,
                           case when d.status <> 'OPEN' then d.created_at + d.maxpos * d.step * interval '1 day' end,
                           case when d.status = 'WON' then d.amount end,
                           case when d.status <> 'OPEN'
                                then (d.created_at + d.maxpos * d.step * interval '1 day')::date end,
                           d.created_at, now(), d.maxpos, d.status = 'WON'
                    from deal d""".formatted(CUSTOMERS, REPS, pipeline.id(), stageIds));
            s.execute("select setval(pg_get_serial_sequence('opportunity', 'id'), (select max(id) from opportunity))");
            // the ledger is written by the statement here; its conversion entries are derived once afterwards, as
            // the migration that introduced them did (timed below), rather than by the trigger for 4.7M lines
            s.execute("alter table stage_history disable trigger tr_stage_history_entries");
            s.execute("""
                    insert into stage_history (opportunity_id, event, from_stage_id, to_stage_id, changed_at)
                    select d.n, case when k = 1 then 'CREATED' else 'MOVED' end,
                           case when k > 1 then (%1$s)[k - 1] end, (%1$s)[k],
                           d.created_at + (k - 1) * d.step * interval '1 day'
                    from deal d, generate_series(1, d.maxpos) k
                    order by 1, 5""".formatted(stageIds));
            s.execute("""
                    insert into stage_history (opportunity_id, event, from_stage_id, to_stage_id, changed_at)
                    select d.n, d.status, (%1$s)[d.maxpos], (%1$s)[d.maxpos],
                           d.created_at + d.maxpos * d.step * interval '1 day'
                    from deal d where d.status <> 'OPEN'""".formatted(stageIds));
            s.execute("alter table stage_history enable trigger tr_stage_history_entries");
            long rebuild = System.nanoTime();
            s.execute("select funnel_rebuild_stage_entries()");
            System.out.printf(Locale.ROOT, "derived the conversion entries in %.0f s%n",
                    (System.nanoTime() - rebuild) / 1e9);
            s.execute("vacuum analyze");
            // write the load's dirty pages out now, not in the middle of the first measured rounds
            s.execute("checkpoint");
            try (ResultSet rs = s.executeQuery("select (select count(*) from opportunity), "
                    + "(select count(*) from stage_history)")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** The same figures as the reports, each in one hand-written statement. */
    private record Sql(DataSource dataSource, long pipelineId, LocalDate from, LocalDate to, ZoneId zone) {

        private Timestamp start(LocalDate day) {
            return Timestamp.from(day.atStartOfDay(zone).toInstant());
        }

        void funnel() throws SQLException {
            query("""
                    select case when ever_won then 2147483647 else reached_position end, count(*),
                           sum(coalesce(company_amount, 0))
                    from opportunity
                    where pipeline_id = ? and created_at >= ? and created_at < ?
                    group by 1""", pipelineId, start(from), start(to.plusDays(1)));
        }

        /**
         * The period and the four periods before it in one statement over the same tables the report reads: the
         * monthly summary for the months from the first whole one to the one holding the last day, less the
         * entries of that month's days after it, plus the entries of the days before the first whole month.
         */
        void conversion() throws SQLException {
            long days = to.toEpochDay() - from.toEpochDay() + 1;
            LocalDate earlier = from.minusDays(4 * days);
            LocalDate earlierTo = from.minusDays(1);
            // one range per branch, never OR-ed ranges: those turn an index-only scan into a bitmap heap scan;
            // the bounds are literals, as in the app, so that a reused statement is planned for its ranges
            String months = """
                    select m.stage_id, %s as now, m.entered, m.advanced, m.open_here, m.lost,
                           m.lost_company_amount as lost_amount
                    from stage_entry_month m join stage s on s.id = m.stage_id
                    where s.pipeline_id = %d and m.entry_month >= date '%s'
                      and m.entry_month < date '%s'""";
            String entries = """
                    select e.stage_id, %s as now, %s, e.advanced::int * %2$s, e.open_here::int * %2$s,
                           e.lost::int * %2$s, case when e.lost then coalesce(e.company_amount, 0) * %2$s else 0 end
                    from stage_entry e join stage s on s.id = e.stage_id
                    where s.pipeline_id = %d and e.entered_at >= timestamptz '%s'
                      and e.entered_at < timestamptz '%s'""";
            query("select stage_id, now, sum(entered), sum(advanced), sum(open_here), sum(lost), sum(lost_amount) "
                    + "from (" + String.join(" union all ",
                    // the four earlier periods: whole months to the one holding their last day, plus the days
                    // before the first whole month, less the days after their end in that last month
                    months.formatted("false", pipelineId, firstMonth(earlier), monthAfter(earlierTo)),
                    entries.formatted("false", "1", pipelineId, instant(earlier), instant(firstMonth(earlier))),
                    entries.formatted("false", "-1", pipelineId, instant(earlierTo.plusDays(1)),
                            instant(monthAfter(earlierTo))),
                    // the period, alike
                    months.formatted("true", pipelineId, firstMonth(from), monthAfter(to)),
                    entries.formatted("true", "1", pipelineId, instant(from), instant(firstMonth(from))),
                    entries.formatted("true", "-1", pipelineId, instant(to.plusDays(1)), instant(monthAfter(to))))
                    + ") part group by stage_id, now");
        }

        private String instant(LocalDate day) {
            return day.atStartOfDay(zone).toOffsetDateTime().toString();
        }

        private static LocalDate monthAfter(LocalDate day) {
            return day.withDayOfMonth(1).plusMonths(1);
        }

        private static LocalDate firstMonth(LocalDate from) {
            return from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        }


        void winRates() throws SQLException {
            query("""
                    select o.owner_id, u.full_name, count(*) filter (where o.status = 'WON'),
                           count(*) filter (where o.status = 'LOST'),
                           sum(coalesce(o.company_amount, 0)) filter (where o.status = 'WON'),
                           sum(coalesce(o.company_amount, 0)) filter (where o.status = 'LOST')
                    from opportunity o join app_user u on u.id = o.owner_id
                    where o.pipeline_id = ? and o.status in ('WON', 'LOST')
                      and o.actual_close_date between ? and ?
                    group by o.owner_id, u.full_name""", pipelineId, Date.valueOf(from), Date.valueOf(to));
        }

        void forecast() throws SQLException {
            LocalDate monthStart = to.withDayOfMonth(1);
            LocalDate monthEnd = to.withDayOfMonth(to.lengthOfMonth());
            query("""
                    select 'WON', count(*), sum(coalesce(company_amount, 0)), null from opportunity
                    where pipeline_id = ? and status = 'WON' and actual_close_date between ? and ?
                    union all
                    select s.forecast_category, count(*), sum(coalesce(o.company_amount, 0)),
                           sum(coalesce(o.company_amount, 0) * s.probability / 100)
                    from opportunity o join stage s on s.id = o.stage_id
                    where o.pipeline_id = ? and o.status = 'OPEN' and o.expected_close_date <= ?
                    group by s.forecast_category
                    union all
                    select (case when ever_won then 2147483647 else reached_position end)::text, count(*),
                           count(*) filter (where status = 'WON'), null
                    from opportunity
                    where pipeline_id = ? and status in ('WON', 'LOST')
                      and actual_close_date between ? and ?
                    group by 1""", pipelineId, Date.valueOf(monthStart), Date.valueOf(monthEnd), pipelineId,
                    Date.valueOf(monthEnd), pipelineId, Date.valueOf(monthStart.minusMonths(12)),
                    Date.valueOf(monthStart.minusDays(1)));
        }

        private void query(String sql, Object... parameters) throws SQLException {
            try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    p.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    List<Object> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(rs.getObject(1));
                    }
                    if (rows.isEmpty()) {
                        throw new IllegalStateException("the baseline found nothing");
                    }
                }
            }
        }
    }
}
