package dev.funnel.bench;

import dev.funnel.FunnelApplication;
import dev.funnel.customer360.Customer360Service;
import dev.funnel.customer360.TimelinePage;
import dev.funnel.identity.internal.FunnelUserDetailsService;
import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.testsupport.TestDatabaseSession;
import java.time.ZoneId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * How long a customer's 360 takes to open when the customer has about 5,000 timeline entries, among 2,000 other
 * customers with histories of their own: the header's figures plus the first page (50) of the merged timeline,
 * next to one hand-written SQL query per part (the figures' aggregates and a UNION ALL of the five sources).
 *
 * <p>Not a unit test: run it by hand, see bench/README.md. Arguments: {@code [iterations=100] [warmup=20]}.
 */
public final class Customer360Benchmark {

    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final int PAGE = 50;

    private Customer360Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String database = "funnel_bench_" + LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FunnelApplication.class).run(
                "--spring.datasource.url=" + TestDatabaseSession.serverUrl() + database, "--server.port=0", "--funnel.automation.cron=-",
                "--funnel.admin-password=" + ADMIN_PASSWORD)) {
            var user = app.getBean(FunnelUserDetailsService.class).loadUserByUsername("admin");
            app.getBean(SecurityContextHolderStrategy.class).getContext().setAuthentication(
                    new UsernamePasswordAuthenticationToken(user, user.getPassword(), user.getAuthorities()));
            Pipeline pipeline = app.getBean(PipelineService.class).create(new NewPipeline("Bench pipeline", null,
                    true, java.util.List.of(new NewStage("Qualify", "验证", 20), new NewStage("Propose", "方案", 50))));
            DataSource dataSource = app.getBean(DataSource.class);
            long customerId = load(dataSource, pipeline);
            run(app.getBean(Customer360Service.class), dataSource, customerId, iterations, warmup);
        } finally {
            TestDatabaseSession.drop(database);
        }
    }

    /** The customer under test and 2,000 others, with plain SQL; answers the customer's id. */
    private static long load(DataSource dataSource, Pipeline pipeline) throws SQLException {
        long first = pipeline.stages().get(0).id();
        long second = pipeline.stages().get(1).id();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select setseed(0.42)");
            s.execute("insert into customer (name, normalized_name, owner_id) select 'Bench customer ' || g, "
                    + "'benchcustomer' || g, (select min(id) from app_user) from generate_series(0, 2000) g");
            // every customer: follow-ups, deals with their ledger, orders with payments, service requests;
            // customer 0 about 5,000 entries, the others about 60 each
            s.execute("""
                    insert into activity (type, occurred_at, content, customer_id, owner_id)
                    select 'CALL', now() - random() * interval '1000 days', 'Follow-up ' || g, c.id, c.owner_id
                    from customer c, generate_series(1, case when c.name = 'Bench customer 0' then 2000 else 30 end) g""");
            s.execute("""
                    insert into opportunity (name, customer_id, owner_id, pipeline_id, stage_id, stage_entered_at,
                                             amount, status, created_at)
                    select 'Deal ' || g, c.id, c.owner_id, %d, %d, now() - random() * interval '900 days',
                           round((random() * 100000)::numeric, 2), case when g %% 3 = 0 then 'WON' else 'OPEN' end,
                           now() - random() * interval '1000 days'
                    from customer c, generate_series(1, case when c.name = 'Bench customer 0' then 800 else 10 end) g"""
                    .formatted(pipeline.id(), second));
            s.execute("""
                    insert into stage_history (opportunity_id, event, from_stage_id, to_stage_id, changed_at)
                    select id, 'CREATED', null, %d, created_at from opportunity
                    union all select id, 'MOVED', %d, %d, stage_entered_at from opportunity"""
                    .formatted(first, first, second));
            s.execute("""
                    insert into sales_order (number, customer_id, owner_id, order_date, amount)
                    select 'SO-' || c.id || '-' || g, c.id, c.owner_id, current_date - (random() * 900)::int, 1000
                    from customer c, generate_series(1, case when c.name = 'Bench customer 0' then 600 else 5 end) g""");
            s.execute("""
                    insert into payment (order_id, received_on, amount)
                    select id, order_date + 10, 400 from sales_order""");
            s.execute("""
                    insert into service_request (customer_id, subject, opened_on, owner_id, created_at)
                    select c.id, 'Request ' || g, current_date, c.owner_id, now() - random() * interval '800 days'
                    from customer c, generate_series(1, case when c.name = 'Bench customer 0' then 300 else 3 end) g""");
            s.execute("vacuum analyze");
            try (ResultSet rs = s.executeQuery("select id from customer where name = 'Bench customer 0'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void run(Customer360Service overview, DataSource dataSource, long customerId, int iterations,
                            int warmup) throws SQLException {
        long entries;
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(COUNT)) {
            for (int i = 1; i <= 6; i++) {
                p.setLong(i, customerId);
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                entries = rs.getLong(1);
            }
        }
        long[] app = new long[iterations];
        long[] sql = new long[iterations];
        for (int round = 0; round < warmup + iterations; round++) {
            long start = System.nanoTime();
            overview.figures(customerId);
            TimelinePage page = overview.timeline(customerId, Set.of(), null, PAGE);
            long appTime = System.nanoTime() - start;
            if (page.entries().size() != PAGE || page.next() == null) {
                throw new IllegalStateException("the first page is not full");
            }
            start = System.nanoTime();
            plainSql(dataSource, customerId);
            long sqlTime = System.nanoTime() - start;
            if (round >= warmup) {
                app[round - warmup] = appTime;
                sql[round - warmup] = sqlTime;
            }
        }
        report(entries, iterations, warmup, Stats.of(app), Stats.of(sql));
    }

    private static final String COUNT = """
            select (select count(*) from activity where customer_id = ?)
                 + (select count(*) from stage_history h join opportunity o on o.id = h.opportunity_id
                    where o.customer_id = ?)
                 + (select count(*) from sales_order where customer_id = ?)
                 + (select count(*) from payment p join sales_order s on s.id = p.order_id where s.customer_id = ?)
                 + (select count(*) from service_request where customer_id = ?) + 0 * ?""";

    private static final String FIGURES = """
            select (select sum(coalesce(actual_amount, amount)) from opportunity where customer_id = ? and status = 'WON'),
                   (select sum(amount) from opportunity where customer_id = ? and status = 'OPEN'),
                   (select sum(s.amount) - coalesce((select sum(p.amount) from payment p join sales_order x
                           on x.id = p.order_id where x.customer_id = ?), 0) from sales_order s where s.customer_id = ?),
                   (select max(occurred_at) from activity where customer_id = ?),
                   (select count(*) from service_request where customer_id = ? and status in ('OPEN', 'IN_PROGRESS'))""";

    private static final String TIMELINE = """
            (select 0 as kind, occurred_at as at, id, content as subject from activity where customer_id = ?
             order by occurred_at desc, id desc limit 51)
            union all
            (select 1, h.changed_at, h.id, o.name from stage_history h join opportunity o on o.id = h.opportunity_id
             where o.customer_id = ? order by h.changed_at desc, h.id desc limit 51)
            union all
            (select 2, order_date::timestamptz, id, number from sales_order where customer_id = ?
             order by order_date desc, id desc limit 51)
            union all
            (select 3, p.received_on::timestamptz, p.id, s.number from payment p join sales_order s on s.id = p.order_id
             where s.customer_id = ? order by p.received_on desc, p.id desc limit 51)
            union all
            (select 4, created_at, id, subject from service_request where customer_id = ?
             order by created_at desc, id desc limit 51)
            order by at desc, kind, id desc limit 50""";

    /** The same work as one hand-written query per part, over JDBC from the app's pool. */
    private static void plainSql(DataSource dataSource, long customerId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement(FIGURES)) {
                for (int i = 1; i <= 6; i++) {
                    p.setLong(i, customerId);
                }
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                }
            }
            try (PreparedStatement p = c.prepareStatement(TIMELINE)) {
                for (int i = 1; i <= 5; i++) {
                    p.setLong(i, customerId);
                }
                int rows = 0;
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                if (rows != PAGE) {
                    throw new IllegalStateException("the SQL page has " + rows + " rows");
                }
            }
        }
    }

    private static void report(long entries, int iterations, int warmup, Stats app, Stats sql) {
        StringBuilder out = new StringBuilder("\n## Customer 360 benchmark\n\n");
        out.append(String.format(Locale.ROOT, "- One customer with %,d timeline entries, among 2,000 others with about "
                + "60 each; signed in as the administrator; %d measured rounds after %d warm-up rounds%n", entries,
                iterations, warmup));
        out.append("- Machine: ").append(Machine.describe()).append('\n');
        out.append("- Date: ").append(LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append("\n\n");
        out.append("| Server work | Median (ms) | p95 (ms) | Samples |\n|---|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| Open the 360: `figures` + first timeline page (%d) | %.2f | %.2f | %d |%n",
                PAGE, app.median(), app.p95(), app.size()));
        out.append(String.format(Locale.ROOT, "| Plain SQL baseline: figures in one query + one UNION ALL page | %.2f | %.2f | %d |%n",
                sql.median(), sql.p95(), sql.size()));
        System.out.println(out);
    }
}
