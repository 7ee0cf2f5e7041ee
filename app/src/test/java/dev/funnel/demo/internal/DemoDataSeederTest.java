package dev.funnel.demo.internal;

import static dev.funnel.jooq.Tables.ACTIVITY;
import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CONTACT;
import static dev.funnel.jooq.Tables.CUSTOMER;
import static dev.funnel.jooq.Tables.DEAL_REVISION;
import static dev.funnel.jooq.Tables.EXIT_CRITERION;
import static dev.funnel.jooq.Tables.KEY_ACTIVITY;
import static dev.funnel.jooq.Tables.NOTIFICATION;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.PAYMENT;
import static dev.funnel.jooq.Tables.PIPELINE;
import static dev.funnel.jooq.Tables.PRODUCT;
import static dev.funnel.jooq.Tables.SALES_ORDER;
import static dev.funnel.jooq.Tables.SALES_TARGET;
import static dev.funnel.jooq.Tables.SERVICE_REQUEST;
import static dev.funnel.jooq.Tables.STAGE;
import static dev.funnel.jooq.Tables.STAGE_HISTORY;
import static dev.funnel.jooq.Tables.TASK;
import static dev.funnel.jooq.Tables.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.FunnelApplication;
import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.catalog.ProductService;
import dev.funnel.customer360.Customer360Service;
import dev.funnel.customer360.CustomerFigures;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.BoardColumn;
import dev.funnel.pipeline.BoardFilter;
import dev.funnel.pipeline.BoardService;
import dev.funnel.order.OrderService;
import dev.funnel.support.ServiceRequestService;
import dev.funnel.analytics.FlaggedDeal;
import dev.funnel.analytics.PeriodKind;
import dev.funnel.analytics.PipelineHistoryService;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.automation.AutomationRun;
import dev.funnel.automation.RuleCode;
import dev.funnel.automation.internal.RuleRunner;
import dev.funnel.customer.CompanyNames;
import dev.funnel.customer.CreditCode;
import dev.funnel.customer.CustomerDraft;
import dev.funnel.customer.CustomerPoolService;
import dev.funnel.customer.CustomerService;
import dev.funnel.customer.DuplicateCandidate;
import dev.funnel.customer.DuplicateReason;
import dev.funnel.customer.PoolSettings;
import dev.funnel.platform.AppSettings;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestDatabaseSession;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo company, seeded into a database of its own by a second, real start of the application. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataSeederTest extends IntegrationTest {

    static final String DATABASE = "funnel_demo_test_" + System.nanoTime();

    @Autowired
    DSLContext mainDatabase;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    SecurityContextHolderStrategy mainSecurityContext;
    @Autowired
    AppSettings settings;
    @Autowired
    DemoSession session;
    @Autowired
    DemoCompany company;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    org.springframework.beans.factory.ObjectProvider<dev.funnel.scoring.ScoringService> scoring;

    @BeforeAll
    void seedOnce() {
        start().close();
    }

    @AfterAll
    void dropDemoDatabase() {
        TestDatabaseSession.drop(DATABASE);
    }

    private ConfigurableApplicationContext start() {
        // command-line arguments: they outrank the test run's FUNNEL_DB_URL, as they would on a server
        ConfigurableApplicationContext app = new SpringApplicationBuilder(FunnelApplication.class)
                .run("--spring.datasource.url=" + TestDatabaseSession.serverUrl() + DATABASE, "--funnel.demo=true",
                        "--server.port=0");
        // a second context installs its own global strategy; the shared test context must keep using its own
        SecurityContextHolder.setContextHolderStrategy(mainSecurityContext);
        return app;
    }

    @Test
    void seeds_a_realistic_company_once_and_a_second_start_adds_nothing() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);

            assertThat(db.fetchCount(TEAM)).isEqualTo(4);
            assertThat(db.fetchCount(APP_USER)).isEqualTo(17);
            assertThat(db.fetchCount(CUSTOMER)).isEqualTo(300);
            assertThat(db.fetchCount(OPPORTUNITY)).isEqualTo(1000);
            assertThat(db.fetchCount(CONTACT)).isBetween(300, 900);
            assertThat(db.fetchCount(OPPORTUNITY, OPPORTUNITY.STATUS.eq("WON"))).isBetween(150, 350);
            assertThat(db.fetchCount(OPPORTUNITY, OPPORTUNITY.STATUS.eq("LOST"))).isBetween(150, 350);
            assertThat(db.select(CUSTOMER.CREDIT_CODE).from(CUSTOMER).fetch(CUSTOMER.CREDIT_CODE))
                    .hasSize(300).allMatch(CreditCode::isValid);
        }
    }

    @Test
    void the_demo_learns_its_deals_win_probabilities_from_its_own_closed_deals() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);
            var model = db.fetchOne("select version, report from scoring_model where scorer_id = 'win-probability'");
            assertThat(model.get("version", String.class)).startsWith("win-probability/1 logistic");
            var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(model.get("report", String.class));
            assertThat(report.get("closedDeals").asInt()).as("every closed demo deal open over a Monday")
                    .isGreaterThanOrEqualTo(200);
            assertThat(report.get("fallback").asBoolean()).isFalse();
            assertThat(report.at("/model/auc").asDouble()).as("better than a coin toss on the newest deals")
                    .isGreaterThan(0.5);
            // the open deals are scored in the background after the training
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (db.fetchCount(OPPORTUNITY, OPPORTUNITY.STATUS.eq("OPEN").and(OPPORTUNITY.WIN_PROBABILITY.isNull())) > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(db.fetchCount(OPPORTUNITY, OPPORTUNITY.STATUS.eq("OPEN")
                    .and(OPPORTUNITY.WIN_PROBABILITY.isNull()))).isZero();
        }
    }

    @Test
    void every_opportunity_agrees_with_the_last_line_of_its_stage_history() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);
            var last = STAGE_HISTORY.as("last");
            int disagreeing = db.fetchCount(db.select(OPPORTUNITY.ID).from(OPPORTUNITY)
                    .join(last).on(last.OPPORTUNITY_ID.eq(OPPORTUNITY.ID))
                    .where(last.ID.eq(DSL.select(DSL.max(STAGE_HISTORY.ID)).from(STAGE_HISTORY)
                            .where(STAGE_HISTORY.OPPORTUNITY_ID.eq(OPPORTUNITY.ID))))
                    .and(last.TO_STAGE_ID.ne(OPPORTUNITY.STAGE_ID)
                            .or(OPPORTUNITY.STATUS.eq("OPEN").and(last.EVENT.in("WON", "LOST")))
                            .or(OPPORTUNITY.STATUS.eq("WON").and(last.EVENT.ne("WON")))
                            .or(OPPORTUNITY.STATUS.eq("LOST").and(last.EVENT.ne("LOST")))));
            int withoutCreation = db.fetchCount(OPPORTUNITY, DSL.notExists(DSL.selectOne().from(STAGE_HISTORY)
                    .where(STAGE_HISTORY.OPPORTUNITY_ID.eq(OPPORTUNITY.ID).and(STAGE_HISTORY.EVENT.eq("CREATED")))));

            assertThat(disagreeing).isZero();
            assertThat(withoutCreation).isZero();
            // closed as the app closes: a close date on every closed deal, what it was won for on won ones
            assertThat(db.fetchCount(OPPORTUNITY, OPPORTUNITY.STATUS.in("WON", "LOST")
                    .and(OPPORTUNITY.ACTUAL_CLOSE_DATE.isNull()))).isZero();
            assertThat(db.fetchCount(OPPORTUNITY, OPPORTUNITY.STATUS.eq("WON")
                    .and(OPPORTUNITY.ACTUAL_AMOUNT.isNull()))).isZero();
            assertThat(db.fetchCount(STAGE_HISTORY, STAGE_HISTORY.CHANGED_AT.gt(java.time.OffsetDateTime.now(java.time.ZoneId.systemDefault())))).isZero();
        }
    }

    @Test
    void the_first_run_of_the_automation_rules_gives_every_rep_real_reminders_and_a_second_run_none() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);
            RuleRunner rules = app.getBean(RuleRunner.class);

            AutomationRun first = rules.runAll("MANUAL", null);

            assertThat(first.fired().get(RuleCode.STALLED_DEAL)).isPositive();
            assertThat(first.fired().get(RuleCode.CLOSE_DATE_PASSED)).isPositive();
            assertThat(first.fired().get(RuleCode.TASK_OVERDUE)).isPositive();
            // the registration request was filed at seeding: the service told the east manager then, and the
            // reminder of a request waiting past the threshold is not due yet
            assertThat(first.fired().get(RuleCode.REGISTRATION_WAITING)).isZero();
            assertThat(db.fetchCount(NOTIFICATION.join(APP_USER).on(APP_USER.ID.eq(NOTIFICATION.USER_ID)),
                    APP_USER.USERNAME.eq("manager.east")
                            .and(NOTIFICATION.MESSAGE_KEY.eq("notification.registration.to-decide")))).isEqualTo(1);
            assertThat(db.selectDistinct(APP_USER.USERNAME).from(NOTIFICATION).join(APP_USER)
                    .on(APP_USER.ID.eq(NOTIFICATION.USER_ID)).where(APP_USER.USERNAME.like("rep%"))
                    .fetch(APP_USER.USERNAME)).hasSize(12);
            assertThat(rules.runAll("MANUAL", null).total()).isZero();
        }
    }

    @Test
    void the_demo_pipeline_has_the_saas_process_and_open_deals_have_tasks_some_overdue() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);

            assertThat(db.fetchCount(EXIT_CRITERION)).isGreaterThanOrEqualTo(10);
            assertThat(db.fetchCount(KEY_ACTIVITY)).isGreaterThanOrEqualTo(10);
            assertThat(db.fetchCount(TASK, TASK.STATUS.eq("DONE"))).isPositive();
            assertThat(db.fetchCount(TASK, TASK.STATUS.eq("OPEN").and(TASK.DUE_DATE.lt(java.time.LocalDate.now(java.time.ZoneId.systemDefault())))))
                    .isPositive();
            int tasksOnClosedDeals = db.fetchCount(db.select(TASK.ID).from(TASK).join(OPPORTUNITY)
                    .on(OPPORTUNITY.ID.eq(TASK.OPPORTUNITY_ID)).where(OPPORTUNITY.STATUS.ne("OPEN")));
            assertThat(tasksOnClosedDeals).isZero();
        }
    }

    @Test
    void the_home_page_of_a_demo_rep_and_manager_counts_what_their_lists_hold() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);
            Clock clock = app.getBean(Clock.class);
            OffsetDateTime now = OffsetDateTime.now(clock);
            LocalDate today = LocalDate.now(clock);
            String port = app.getEnvironment().getProperty("local.server.port");
            long rep01 = db.select(APP_USER.ID).from(APP_USER).where(APP_USER.USERNAME.eq("rep01"))
                    .fetchSingle(APP_USER.ID);

            // worked out here from the rows, with the board's rule: more whole days in the stage than it allows
            var open = db.select(OPPORTUNITY.OWNER_ID, OPPORTUNITY.STAGE_ENTERED_AT, STAGE.STALLED_AFTER_DAYS,
                            OPPORTUNITY.EXPECTED_CLOSE_DATE)
                    .from(OPPORTUNITY).join(STAGE).on(STAGE.ID.eq(OPPORTUNITY.STAGE_ID))
                    .where(OPPORTUNITY.STATUS.eq("OPEN")).fetch();
            long stalled = open.stream().filter(r -> r.value1() == rep01
                    && java.time.temporal.ChronoUnit.DAYS.between(r.value2(), now) > r.value3()).count();
            long closing = open.stream().filter(r -> r.value1() == rep01 && r.value4() != null
                    && r.value4().getYear() == today.getYear() && r.value4().getMonth() == today.getMonth()).count();
            var tasks = db.select(TASK.DUE_DATE).from(TASK).where(TASK.ASSIGNEE_ID.eq(rep01))
                    .and(TASK.STATUS.eq("OPEN")).fetch(TASK.DUE_DATE);
            long overdue = tasks.stream().filter(d -> d != null && d.isBefore(today)).count();

            var rep = homeOf(port, "rep01");
            assertThat(rep.at("/mine/tasksOverdue").asLong()).isEqualTo(overdue).isPositive();
            assertThat(rep.at("/mine/stalled/count").asLong()).isEqualTo(stalled).isPositive();
            assertThat(rep.at("/mine/closingThisMonth/count").asLong()).isEqualTo(closing);
            assertThat(rep.at("/mine/stalled/currency").asText()).isEqualTo("CNY");
            assertThat(rep.at("/mine/targets").size()).as("the demo sets every rep a target this month").isOne();
            assertThat(rep.has("team") && !rep.get("team").isNull()).as("a rep has no team view").isFalse();

            var manager = homeOf(port, "manager.east");
            var east = db.select(APP_USER.ID).from(APP_USER).join(TEAM).on(TEAM.ID.eq(APP_USER.TEAM_ID))
                    .where(TEAM.MANAGER_ID.eq(db.select(APP_USER.ID).from(APP_USER)
                            .where(APP_USER.USERNAME.eq("manager.east")))).fetch(APP_USER.ID);
            long stalledEast = open.stream().filter(r -> east.contains(r.value1())
                    && java.time.temporal.ChronoUnit.DAYS.between(r.value2(), now) > r.value3()).count();
            long listed = 0;
            for (var row : manager.at("/team/stalledByRep")) {
                listed += row.get("count").asLong();
            }
            assertThat(listed).isEqualTo(stalledEast).isPositive();
            assertThat(manager.at("/team/registrationsWaiting").asLong()).isOne();
            assertThat(manager.at("/team/funnel/stages").size()).isPositive();
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode homeOf(String port, String username) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/api/v1/home"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (username + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .GET().build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    @Test
    void each_module_answers_a_demo_rep_with_what_the_demo_rows_hold() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);
            DemoSession demo = app.getBean(DemoSession.class);
            long rep01 = db.select(APP_USER.ID).from(APP_USER).where(APP_USER.USERNAME.eq("rep01"))
                    .fetchSingle(APP_USER.ID);

            // pipeline: the board's heads are the rep's open deals of the default pipeline, in CNY
            long pipelineId = db.select(PIPELINE.ID).from(PIPELINE).where(PIPELINE.IS_DEFAULT.isTrue())
                    .fetchSingle(PIPELINE.ID);
            var heads = demo.as("rep01", () -> app.getBean(BoardService.class).columns(BoardFilter.of(pipelineId)));
            var open = db.select(DSL.count(), DSL.sum(OPPORTUNITY.COMPANY_AMOUNT)).from(OPPORTUNITY)
                    .where(OPPORTUNITY.OWNER_ID.eq(rep01).and(OPPORTUNITY.STATUS.eq("OPEN"))
                            .and(OPPORTUNITY.PIPELINE_ID.eq(pipelineId))).fetchSingle();
            assertThat(heads.stream().mapToLong(BoardColumn::count).sum()).isEqualTo(open.value1().longValue())
                    .isPositive();
            assertThat(heads.stream().map(BoardColumn::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(open.value2());

            // activity: a follow-up on the deal of the rep's customer with the highest id (ids far from 1)
            var deal = db.select(OPPORTUNITY.ID, OPPORTUNITY.CUSTOMER_ID).from(OPPORTUNITY)
                    .where(OPPORTUNITY.OWNER_ID.eq(rep01).and(OPPORTUNITY.STATUS.eq("OPEN")))
                    .orderBy(OPPORTUNITY.CUSTOMER_ID.desc()).limit(1).fetchSingle();
            assertThat(deal.value2()).isGreaterThan(127);
            FollowUpService activities = app.getBean(FollowUpService.class);
            demo.as("rep01", () -> activities.log(new FollowUpDraft(FollowUpType.CALL,
                    OffsetDateTime.now(app.getBean(Clock.class)), "Confirmed the budget range", deal.value2(), null,
                    deal.value1())));
            assertThat(demo.as("rep01", () -> activities.forOpportunity(deal.value1())))
                    .anyMatch(a -> "Confirmed the budget range".equals(a.content()));

            // sales, support, customer 360: a customer of the rep with orders
            long customer = db.select(SALES_ORDER.CUSTOMER_ID).from(SALES_ORDER).join(CUSTOMER)
                    .on(CUSTOMER.ID.eq(SALES_ORDER.CUSTOMER_ID)).where(CUSTOMER.OWNER_ID.eq(rep01))
                    .orderBy(SALES_ORDER.CUSTOMER_ID).limit(1).fetchSingle(SALES_ORDER.CUSTOMER_ID);
            assertThat(demo.as("rep01", () -> app.getBean(OrderService.class).forCustomer(customer)))
                    .hasSize(db.fetchCount(SALES_ORDER, SALES_ORDER.CUSTOMER_ID.eq(customer)));
            assertThat(demo.as("rep01", () -> app.getBean(ServiceRequestService.class).forCustomer(customer)))
                    .hasSize(db.fetchCount(SERVICE_REQUEST, SERVICE_REQUEST.CUSTOMER_ID.eq(customer)));
            CustomerFigures figures = demo.as("rep01", () -> app.getBean(Customer360Service.class).figures(customer));
            assertThat(figures.openDeals()).isEqualTo(db.fetchCount(OPPORTUNITY,
                    OPPORTUNITY.CUSTOMER_ID.eq(customer).and(OPPORTUNITY.STATUS.eq("OPEN"))));

            // catalog and identity: the products on sale; the east manager sees every east rep
            assertThat(demo.as("rep01", () -> app.getBean(ProductService.class).listActive()))
                    .hasSize(db.fetchCount(PRODUCT, PRODUCT.ACTIVE.isTrue())).isNotEmpty();
            var eastReps = db.select(APP_USER.ID).from(APP_USER).join(TEAM).on(TEAM.ID.eq(APP_USER.TEAM_ID))
                    .join(APP_USER.as("m")).on(APP_USER.as("m").ID.eq(TEAM.MANAGER_ID))
                    .where(APP_USER.as("m").USERNAME.eq("manager.east")).fetch(APP_USER.ID);
            assertThat(demo.as("manager.east", () -> app.getBean(UserService.class).visibleScope().ownerIds()))
                    .containsAll(eastReps).doesNotContain(db.select(APP_USER.ID).from(APP_USER)
                            .where(APP_USER.USERNAME.eq("manager.north")).fetchOptional(APP_USER.ID).orElse(-1L));
        }
    }

    @Test
    void the_reps_revised_forecasts_show_in_the_pipeline_review_as_close_dates_pushed_and_amounts_cut() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);
            // each revision of a close date or an amount was made by the deal's owner, through the deal's edit
            var revisions = db.select(DEAL_REVISION.FIELD, DEAL_REVISION.CHANGED_BY, OPPORTUNITY.OWNER_ID,
                            DEAL_REVISION.OLD_VALUE, DEAL_REVISION.NEW_VALUE)
                    .from(DEAL_REVISION).join(OPPORTUNITY).on(OPPORTUNITY.ID.eq(DEAL_REVISION.OPPORTUNITY_ID))
                    .where(DEAL_REVISION.FIELD.in("EXPECTED_CLOSE", "AMOUNT")).fetch();
            assertThat(revisions).isNotEmpty()
                    .allMatch(r -> r.value2() != null && r.value2().equals(r.value3()));
            long pushed = revisions.stream().filter(r -> "EXPECTED_CLOSE".equals(r.value1())).count();
            long cut = revisions.stream().filter(r -> "AMOUNT".equals(r.value1())).count();
            assertThat(pushed).isBetween(30L, 150L);
            assertThat(cut).isBetween(20L, 100L);
            assertThat(revisions).filteredOn(r -> "EXPECTED_CLOSE".equals(r.value1()))
                    .allMatch(r -> LocalDate.parse(r.value4()).plusMonths(1).equals(LocalDate.parse(r.value5())));

            LocalDate today = LocalDate.now(app.getBean(Clock.class));
            var flags = app.getBean(DemoSession.class).as("director", () -> app.getBean(PipelineHistoryService.class)
                    .flags(new ReportFilter(null, null, null, null, null, null, null, null), today.minusDays(7), today,
                            null, null, PageRequest.of(0, 10)));
            assertThat(flags.counts().get(FlaggedDeal.Flag.CLOSE_PUSHED)).isEqualTo(pushed);
            assertThat(flags.counts().get(FlaggedDeal.Flag.AMOUNT_CUT)).isEqualTo(cut);
        }
    }

    @Test
    void demo_users_sign_in_with_the_demo_password() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);
            String hash = db.select(APP_USER.PASSWORD_HASH).from(APP_USER).where(APP_USER.USERNAME.eq("rep01"))
                    .fetchOne(APP_USER.PASSWORD_HASH);

            assertThat(passwordEncoder.matches("demo", hash)).isTrue();
            assertThat(db.fetchCount(APP_USER, APP_USER.USERNAME.in("director", "manager.east", "rep12"))).isEqualTo(3);
        }
    }

    @Test
    void every_demo_customer_has_the_normalised_name_the_duplicate_check_compares() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);

            assertThat(db.select(CUSTOMER.NAME, CUSTOMER.NORMALIZED_NAME).from(CUSTOMER).fetch())
                    .hasSize(300)
                    .allSatisfy(c -> assertThat(c.value2()).isNotBlank().isEqualTo(CompanyNames.normalize(c.value1())));
        }
    }

    @Test
    void the_duplicate_check_warns_of_a_demo_customer_entered_again_under_another_legal_form_or_its_exact_name() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);
            CustomerService customers = app.getBean(CustomerService.class);
            var demo = db.select(CUSTOMER.ID, CUSTOMER.NAME).from(CUSTOMER)
                    .where(CUSTOMER.NAME.like("%有限公司").and(CUSTOMER.NAME.notLike("%股份有限公司")))
                    .orderBy(CUSTOMER.ID).limit(1).fetchOne();
            String sameCompanyAsJointStock = demo.value2().replace("有限公司", "股份有限公司");

            var forVariant = app.getBean(DemoSession.class).as("rep05",
                    () -> customers.findDuplicates(CustomerDraft.named(sameCompanyAsJointStock), null));
            var forExactName = app.getBean(DemoSession.class).as("rep05",
                    () -> customers.findDuplicates(CustomerDraft.named(demo.value2()), null));

            assertThat(forVariant).anySatisfy(candidate -> {
                assertThat(candidate.customerId()).isEqualTo(demo.value1());
                assertThat(candidate.reasons()).contains(DuplicateReason.NAME);
            });
            assertThat(forExactName).extracting(DuplicateCandidate::customerId).contains(demo.value1());
        }
    }

    @Test
    void how_far_each_demo_deal_got_and_whether_it_was_won_is_what_its_stage_history_says() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);
            var reachedInLedger = DSL.field(DSL.select(DSL.max(STAGE.POSITION)).from(STAGE_HISTORY).join(STAGE)
                    .on(STAGE.ID.eq(STAGE_HISTORY.TO_STAGE_ID)).where(STAGE_HISTORY.OPPORTUNITY_ID.eq(OPPORTUNITY.ID)));
            var wonInLedger = DSL.exists(DSL.selectOne().from(STAGE_HISTORY)
                    .where(STAGE_HISTORY.OPPORTUNITY_ID.eq(OPPORTUNITY.ID).and(STAGE_HISTORY.EVENT.eq("WON"))));

            assertThat(db.fetchCount(OPPORTUNITY, OPPORTUNITY.REACHED_POSITION.ne(reachedInLedger))).isZero();
            assertThat(db.fetchCount(OPPORTUNITY, OPPORTUNITY.EVER_WON.ne(DSL.field(wonInLedger)))).isZero();
            // deals went through the stages one by one, some stepping back, not in one jump to where they are
            assertThat(db.fetchCount(STAGE_HISTORY, STAGE_HISTORY.EVENT.eq("MOVED"))).isBetween(1500, 3000);
            assertThat(db.fetchCount(db.select(STAGE_HISTORY.OPPORTUNITY_ID).from(STAGE_HISTORY).join(STAGE)
                    .on(STAGE.ID.eq(STAGE_HISTORY.TO_STAGE_ID)).join(STAGE.as("from_stage"))
                    .on(STAGE.as("from_stage").ID.eq(STAGE_HISTORY.FROM_STAGE_ID))
                    .where(STAGE_HISTORY.EVENT.eq("MOVED")
                            .and(STAGE.POSITION.lt(STAGE.as("from_stage").POSITION))))).isPositive();
            assertThat(db.fetchCount(OPPORTUNITY, OPPORTUNITY.CONTACT_ID.isNull())).isZero();
        }
    }

    @Test
    void the_demo_has_orders_paid_in_full_and_in_part_service_requests_targets_and_a_customer_pool() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);
            var paid = DSL.field(DSL.select(DSL.coalesce(DSL.sum(PAYMENT.AMOUNT), BigDecimal.ZERO)).from(PAYMENT)
                    .where(PAYMENT.ORDER_ID.eq(SALES_ORDER.ID)));
            LocalDate thisQuarter = PeriodKind.QUARTER.start(LocalDate.now(DemoPlanner.ZONE));

            assertThat(db.fetchCount(SALES_ORDER)).isBetween(150, 350);
            assertThat(db.fetchCount(SALES_ORDER, SALES_ORDER.OPPORTUNITY_ID.isNull())).isZero();
            assertThat(db.fetchCount(SALES_ORDER, SALES_ORDER.AMOUNT.eq(paid))).as("paid in full").isPositive();
            assertThat(db.fetchCount(SALES_ORDER, SALES_ORDER.AMOUNT.gt(paid).and(paid.gt(BigDecimal.ZERO))))
                    .as("partly paid").isPositive();
            assertThat(db.fetchCount(SALES_ORDER, SALES_ORDER.AMOUNT.lt(paid))).isZero();
            assertThat(db.fetchCount(SERVICE_REQUEST, SERVICE_REQUEST.STATUS.in("OPEN", "IN_PROGRESS"))).isPositive();
            assertThat(db.fetchCount(SERVICE_REQUEST, SERVICE_REQUEST.STATUS.in("RESOLVED", "CLOSED")
                    .and(SERVICE_REQUEST.RESOLVED_ON.isNotNull()))).isPositive();
            assertThat(db.fetchCount(DSL.selectDistinct(SERVICE_REQUEST.PRIORITY).from(SERVICE_REQUEST)))
                    .isGreaterThanOrEqualTo(3);
            for (LocalDate quarter : List.of(thisQuarter.minusMonths(3), thisQuarter)) {
                assertThat(db.fetchCount(SALES_TARGET, SALES_TARGET.PERIOD_KIND.eq("QUARTER")
                        .and(SALES_TARGET.PERIOD_START.eq(quarter)).and(SALES_TARGET.OWNER_ID.isNotNull())))
                        .as("reps' targets for " + quarter).isEqualTo(12);
                assertThat(db.fetchCount(SALES_TARGET, SALES_TARGET.PERIOD_KIND.eq("QUARTER")
                        .and(SALES_TARGET.PERIOD_START.eq(quarter)).and(SALES_TARGET.TEAM_ID.isNotNull())))
                        .as("teams' targets for " + quarter).isEqualTo(4);
                assertThat(db.fetchCount(SALES_TARGET, SALES_TARGET.PERIOD_KIND.eq("MONTH")
                        .and(SALES_TARGET.PERIOD_START.between(quarter, quarter.plusMonths(2)))))
                        .as("monthly targets in " + quarter).isEqualTo(3 * 16);
            }
            assertThat(db.fetchCount(CUSTOMER, CUSTOMER.OWNER_ID.isNull())).isBetween(1, 20);
        }
    }

    @Test
    void protection_clocks_are_spread_so_that_a_release_returns_some_customers_to_the_pool_and_others_are_close() {
        try (ConfigurableApplicationContext app = start()) {
            DSLContext db = app.getBean(DSLContext.class);
            var lastFollowUp = DSL.field(DSL.select(DSL.max(ACTIVITY.OCCURRED_AT)).from(ACTIVITY)
                    .where(ACTIVITY.CUSTOMER_ID.eq(CUSTOMER.ID)));
            var protectionClock = DSL.greatest(CUSTOMER.OWNED_SINCE, CUSTOMER.CREATED_AT, DSL.coalesce(lastFollowUp,
                    CUSTOMER.CREATED_AT));
            OffsetDateTime now = OffsetDateTime.now(java.time.ZoneId.systemDefault());
            int protectionDays = PoolSettings.DEFAULTS.protectionDays();

            assertThat(db.fetchCount(CUSTOMER, CUSTOMER.OWNER_ID.isNotNull()
                    .and(protectionClock.between(now.minusDays(protectionDays), now.minusDays(protectionDays - 8L)))))
                    .as("near the end of their protection").isPositive();
            Integer released = app.getBean(TransactionTemplate.class).execute(status -> {
                status.setRollbackOnly();
                return app.getBean(DemoSession.class).as("admin",
                        () -> app.getBean(CustomerPoolService.class).releaseLapsed());
            });
            assertThat(released).as("past their protection").isBetween(1, 30);
        }
    }

    @Test
    void it_refuses_to_mix_demo_deals_into_a_database_that_holds_real_data() throws Exception {
        data.customerOf(data.user(dev.funnel.identity.Role.SALES_REP, null));
        int customersBefore = mainDatabase.fetchCount(CUSTOMER);

        new DemoDataSeeder(settings, session, company, transaction, passwordEncoder, Clock.systemUTC(), "demo",
                scoring).run(null);

        assertThat(mainDatabase.fetchCount(CUSTOMER)).isEqualTo(customersBefore);
        assertThat(mainDatabase.fetchCount(APP_USER, APP_USER.USERNAME.eq("director"))).isZero();
    }
}
