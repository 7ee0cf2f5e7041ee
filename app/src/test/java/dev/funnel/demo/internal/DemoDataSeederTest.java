package dev.funnel.demo.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.NOTIFICATION;
import static dev.funnel.jooq.Tables.CONTACT;
import static dev.funnel.jooq.Tables.CUSTOMER;
import static dev.funnel.jooq.Tables.EXIT_CRITERION;
import static dev.funnel.jooq.Tables.KEY_ACTIVITY;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.STAGE_HISTORY;
import static dev.funnel.jooq.Tables.TASK;
import static dev.funnel.jooq.Tables.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.FunnelApplication;
import dev.funnel.automation.AutomationRun;
import dev.funnel.automation.RuleCode;
import dev.funnel.automation.internal.RuleRunner;
import dev.funnel.customer.CreditCode;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestDatabaseSession;
import java.time.Clock;
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
            assertThat(first.fired().get(RuleCode.REGISTRATION_WAITING)).isEqualTo(1);
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
    void it_refuses_to_mix_demo_deals_into_a_database_that_holds_real_data() throws Exception {
        data.customerOf(data.user(dev.funnel.identity.Role.SALES_REP, null));
        int customersBefore = mainDatabase.fetchCount(CUSTOMER);

        new DemoDataSeeder(mainDatabase, passwordEncoder, Clock.systemUTC(), "demo", null).run(null);

        assertThat(mainDatabase.fetchCount(CUSTOMER)).isEqualTo(customersBefore);
        assertThat(mainDatabase.fetchCount(APP_USER, APP_USER.USERNAME.eq("director"))).isZero();
    }
}
