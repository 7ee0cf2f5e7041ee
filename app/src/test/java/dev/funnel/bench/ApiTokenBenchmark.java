package dev.funnel.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.FunnelApplication;
import dev.funnel.identity.ApiTokenScope;
import dev.funnel.identity.ApiTokenService;
import dev.funnel.identity.NewApiToken;
import dev.funnel.identity.NewTeam;
import dev.funnel.identity.NewUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.identity.internal.FunnelUserDetailsService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.testsupport.TestDatabaseSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The REST API signed in by an API token against HTTP Basic, side by side in one run, over real HTTP on the
 * started server (issue 17): 20 clients listing 50 opportunities each request, as fast as they can, Basic and
 * Bearer phases alternating; then one client getting and updating one opportunity at a time with the token.
 *
 * <p>The data is the reports benchmark's (reps, customers and deals over three years); the caller is a sales
 * manager whose team holds every rep, with a real bcrypt password as a person's account has. Times are measured by
 * the client on loopback (the server's own time plus the loopback's and the client's, whose threads share the
 * cores), and on the server from its first servlet filter in to its last one out ({@link ServerTiming}).
 *
 * <p>Not a unit test: run it by hand, see bench/README.md. Arguments:
 * {@code [opportunities=101000] [seconds per phase=15] [clients=20] [samples of get and update=500]}.
 * {@code -Dbench.keep-database=true} keeps the database, to read the statements' plans on the same data afterwards;
 * {@code -Dbench.only-tokens=true} leaves out the Basic phases (one second each), for a profiler to see the token
 * phases alone.
 */
public final class ApiTokenBenchmark {

    private static final String PASSWORD = "bench-manager-password";
    /** What PUT /api/v1/opportunities/{id} takes (OpportunityController.OpportunityRequest). */
    private static final List<String> UPDATE_FIELDS = List.of("name", "customerId", "contactId", "ownerId",
            "pipelineId", "stageId", "amount", "currency", "expectedCloseDate", "leadSource", "status", "lostReason",
            "grade", "nextStep", "presalesId", "version");

    private ApiTokenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int deals = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 101_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        String database = "funnel_bench_" + LocalDateTime.now(ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FunnelApplication.class, ServerTiming.class).run(
                "--spring.datasource.url=" + TestDatabaseSession.serverUrl() + database, "--server.port=0",
                "--funnel.admin-password=" + ReportsBenchmark.ADMIN_PASSWORD, "--funnel.automation.cron=-")) {
            new Run(app, deals, seconds, clients, samples).execute();
        } finally {
            if (!Boolean.getBoolean("bench.keep-database")) {
                TestDatabaseSession.drop(database);
            }
        }
    }

    private static final class Run {

        private final ConfigurableApplicationContext app;
        private final int deals;
        private final int seconds;
        private final int clients;
        private final int samples;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final ObjectMapper json = new ObjectMapper();
        private final String base;

        Run(ConfigurableApplicationContext app, int deals, int seconds, int clients, int samples) {
            this.app = app;
            this.deals = deals;
            this.seconds = seconds;
            this.clients = clients;
            this.samples = samples;
            this.base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        }

        void execute() throws Exception {
            signIn(ReportsBenchmark.ADMIN);
            Pipeline pipeline = ReportsBenchmark.pipeline(app);
            long[] loaded = ReportsBenchmark.load(app.getBean(DataSource.class), pipeline, deals);
            UserSummary manager = app.getBean(UserService.class).create(new NewUser("bench.manager",
                    "Bench Manager", null, PASSWORD, null, Set.of(Role.SALES_MANAGER)));
            var team = app.getBean(TeamService.class).create(new NewTeam("Bench team", null, manager.id()));
            try (Connection c = app.getBean(DataSource.class).getConnection(); Statement s = c.createStatement()) {
                s.execute("update app_user set team_id = " + team.id() + " where username like 'bench.rep%'");
                // the deals' tally as the scheduler folds it within seconds of the load, then VACUUM ANALYZE as
                // autovacuum would after it (the PostgreSQL of these machines runs without autovacuum): vacuumed
                // before the fold, the list's count read an empty tally's statistics and 23 pages of folded-away
                // change rows on every request
                s.execute("select funnel_fold_opportunity_tally()");
                s.execute("vacuum analyze");
                // write the load's pages out before measuring, so that its checkpoint does not fall into a phase
                s.execute("checkpoint");
            }
            signIn(manager.username());
            String token = app.getBean(ApiTokenService.class).issueMine(new NewApiToken("Bench",
                    Set.of(ApiTokenScope.WRITE), null)).secret();
            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    (manager.username() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            String bearer = "Bearer " + token;
            System.out.printf(Locale.ROOT, "%nLoaded %,d opportunities and %,d history lines; %s%n", loaded[0],
                    loaded[1], Machine.describe());

            // warm both paths up (connection pool, caches, and the JIT), then alternate the phases. The JIT decides
            // when warming is over: on a slow day of this machine its compiler took 50 s of CPU over two minutes of
            // tokens, and a round measured while it compiled ran at half the speed of the rounds after
            // -Dbench.only-tokens=true: token phases only, for a profiler to see their time alone
            boolean onlyTokens = Boolean.getBoolean("bench.only-tokens");
            load(basic, onlyTokens ? 1 : 3);
            warmUntilCompiled(bearer);
            List<long[]> basicRuns = new ArrayList<>();
            List<long[]> bearerRuns = new ArrayList<>();
            List<long[]> basicServer = new ArrayList<>();
            List<long[]> bearerServer = new ArrayList<>();
            double[] basicRate = new double[2];
            double[] bearerRate = new double[2];
            for (int round = 0; round < 2; round++) {
                Phase b = load(onlyTokens ? bearer : basic, onlyTokens ? 1 : seconds);
                basicRuns.add(b.latencies());
                basicServer.add(b.serverTimes());
                basicRate[round] = b.perSecond();
                Phase t = load(bearer, seconds);
                bearerRuns.add(t.latencies());
                bearerServer.add(t.serverTimes());
                bearerRate[round] = t.perSecond();
            }
            Stats basicStats = Stats.of(concat(basicRuns));
            Stats bearerStats = Stats.of(concat(bearerRuns));
            Stats basicServerStats = Stats.of(concat(basicServer));
            Stats bearerServerStats = Stats.of(concat(bearerServer));
            double basicPerSecond = (basicRate[0] + basicRate[1]) / 2;
            double bearerPerSecond = (bearerRate[0] + bearerRate[1]) / 2;

            long[] ids = someIds();
            Stats get = Stats.of(single(bearer, ids, false));
            Stats update = Stats.of(single(bearer, ids, true));
            Stats getBasic = Stats.of(single(basic, ids, false));

            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%n| %d clients, list 50 opportunities | requests/s | median ms "
                    + "| p95 ms | server median ms | server p95 ms |%n|---|---:|---:|---:|---:|---:|%n", clients));
            out.append(String.format(Locale.ROOT, "| HTTP Basic (bcrypt) | %.0f | %.1f | %.1f | %.1f | %.1f |%n",
                    basicPerSecond, basicStats.median(), basicStats.p95(), basicServerStats.median(),
                    basicServerStats.p95()));
            out.append(String.format(Locale.ROOT, "| API token (Bearer) | %.0f | %.1f | %.1f | %.1f | %.1f |%n",
                    bearerPerSecond, bearerStats.median(), bearerStats.p95(), bearerServerStats.median(),
                    bearerServerStats.p95()));
            out.append(String.format(Locale.ROOT, "%nToken throughput: %.1fx Basic (rounds: Basic %.0f, %.0f; "
                    + "token %.0f, %.0f requests/s)%n", bearerPerSecond / basicPerSecond, basicRate[0],
                    basicRate[1], bearerRate[0], bearerRate[1]));
            out.append(String.format(Locale.ROOT, "%n| One client, %d samples each | median ms | p95 ms |%n"
                    + "|---|---:|---:|%n", samples));
            out.append(String.format(Locale.ROOT, "| Get one opportunity, token | %.1f | %.1f |%n", get.median(),
                    get.p95()));
            out.append(String.format(Locale.ROOT, "| Update one opportunity, token | %.1f | %.1f |%n",
                    update.median(), update.p95()));
            out.append(String.format(Locale.ROOT, "| Get one opportunity, Basic | %.1f | %.1f |%n",
                    getBasic.median(), getBasic.p95()));
            System.out.println(out);
        }

        /** One phase's request latencies (the client's and the server's) and its requests per second. */
        private static final class Phase {
            private final long[] latencies;
            private final long[] serverTimes;
            private final double perSecond;

            Phase(long[] latencies, long[] serverTimes, double perSecond) {
                this.latencies = latencies.clone();
                this.serverTimes = serverTimes.clone();
                this.perSecond = perSecond;
            }

            long[] serverTimes() {
                return serverTimes.clone();
            }

            long[] latencies() {
                return latencies.clone();
            }

            double perSecond() {
                return perSecond;
            }
        }

        /**
         * Token load in rounds of 5 s until the JIT compiled for less than a twentieth of a round's CPU (both cores'),
         * at least 15 s and at most 3 minutes.
         */
        private void warmUntilCompiled(String authorization) throws Exception {
            var compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
            long started = System.nanoTime();
            long compiled = compiler.getTotalCompilationTime();
            int rounds = 0;
            while (true) {
                Phase warm = load(authorization, 5);
                rounds++;
                long now = compiler.getTotalCompilationTime();
                long compiling = now - compiled;
                compiled = now;
                double elapsed = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "warming: %.0f requests/s, JIT compiled for %d ms of the last 5 s%n",
                        warm.perSecond(), compiling);
                if ((rounds >= 3 && compiling < 500) || elapsed > 180) {
                    return;
                }
            }
        }

        /** {@code clients} threads listing a random page of 50 opportunities each request, for a while. */
        private Phase load(String authorization, int forSeconds) throws Exception {
            long end = System.nanoTime() + forSeconds * 1_000_000_000L;
            // the first pages, as a person or a dashboard reads them; deep offsets are the sync's, by id
            int pages = Math.max(1, Math.min(20, deals / 50));
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<long[]>> results = new ArrayList<>();
                ServerTiming.reset();
                long start = System.nanoTime();
                for (int i = 0; i < clients; i++) {
                    results.add(pool.submit(() -> {
                        List<Long> times = new ArrayList<>();
                        while (System.nanoTime() < end) {
                            int page = ThreadLocalRandom.current().nextInt(pages);
                            long t0 = System.nanoTime();
                            send(authorization, "GET", "/api/v1/opportunities?size=50&page=" + page, null, 200);
                            times.add(System.nanoTime() - t0);
                        }
                        return times.stream().mapToLong(Long::longValue).toArray();
                    }));
                }
                List<long[]> all = new ArrayList<>();
                for (Future<long[]> result : results) {
                    all.add(result.get());
                }
                long[] latencies = concat(all);
                double elapsed = (System.nanoTime() - start) / 1e9;
                return new Phase(latencies, ServerTiming.taken(), latencies.length / elapsed);
            } finally {
                pool.shutdownNow();
            }
        }

        /** One request at a time: get (or read and then update, timing the update) an opportunity. */
        private long[] single(String authorization, long[] ids, boolean update) throws Exception {
            long[] times = new long[samples];
            for (int i = 0; i < samples; i++) {
                long id = ids[i % ids.length];
                if (update) {
                    ObjectNode deal = (ObjectNode) json.readTree(send(authorization, "GET",
                            "/api/v1/opportunities/" + id, null, 200));
                    // the API refuses fields an update does not take, such as the owner's name a read returns
                    deal.retain(UPDATE_FIELDS);
                    deal.put("nextStep", "Call back " + i);
                    String body = json.writeValueAsString(deal);
                    long t0 = System.nanoTime();
                    send(authorization, "PUT", "/api/v1/opportunities/" + id, body, 200);
                    times[i] = System.nanoTime() - t0;
                } else {
                    long t0 = System.nanoTime();
                    send(authorization, "GET", "/api/v1/opportunities/" + id, null, 200);
                    times[i] = System.nanoTime() - t0;
                }
            }
            return times;
        }

        /** Open deals of the bench pipeline, spread over the ids. */
        private long[] someIds() throws Exception {
            try (Connection c = app.getBean(DataSource.class).getConnection(); Statement s = c.createStatement();
                 var rs = s.executeQuery("select id from opportunity where status = 'OPEN' order by id % 97, id "
                         + "limit " + samples)) {
                List<Long> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                return ids.stream().mapToLong(Long::longValue).toArray();
            }
        }

        private String send(String authorization, String method, String path, String body, int expected)
                throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", authorization).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(60));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        }

        private void signIn(String username) {
            var user = app.getBean(FunnelUserDetailsService.class).loadUserByUsername(username);
            var context = app.getBean(SecurityContextHolderStrategy.class);
            context.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(user, null,
                    user.getAuthorities()));
        }
    }

    private static long[] concat(List<long[]> parts) {
        return parts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    }
}
