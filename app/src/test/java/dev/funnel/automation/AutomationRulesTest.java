package dev.funnel.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.identity.UserSummary;
import dev.funnel.notification.Notification;
import dev.funnel.notification.NotificationService;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.StageProgressService;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.RegistrationDraft;
import dev.funnel.pipeline.RegistrationService;
import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.TaskService;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each rule against a clock the test moves: it fires once when its situation arises, not again while the
 * situation lasts, and again when the situation recurs. The rules run over the whole shared database, so every
 * assertion looks only at this test's people and records.
 */
class AutomationRulesTest extends IntegrationTest {

    @Autowired
    AutomationService automation;
    @Autowired
    NotificationService notifications;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    StageProgressService progress;
    @Autowired
    TaskService tasks;
    @Autowired
    dev.funnel.platform.Messages messages;
    @Autowired
    RegistrationService registrations;
    @Autowired
    FollowUpService activities;

    Org company;
    Pipeline gated;
    Opportunity deal;

    @BeforeEach
    void aDealInAGatedPipeline() {
        company = data.organisation();
        gated = data.gatedPipeline();
        // Qualify: stalled after 14 days; its discovery call is due in 2 days, the brochure in 5
        deal = data.opportunityOf(company.eastRep(), gated);
    }

    @Test
    void a_stalled_deal_reminds_its_owner_once_and_again_when_it_stalls_in_the_next_stage() {
        runRules();
        assertThat(reminders(company.eastRep(), "stalled-deal", deal)).isEmpty();

        clock.advance(Duration.ofDays(15));
        runRules();
        runRules();

        List<Notification> stalled = reminders(company.eastRep(), "stalled-deal", deal);
        assertThat(stalled).hasSize(1);
        assertThat(stalled.get(0).arguments()).startsWith(deal.name(), "Qualify", "验证", "15", "14");

        // the manager moves it on past its exit criteria
        Opportunity moved = as(company.eastManager().username(), () -> progress.moveToStage(deal.id(),
                opportunities.get(deal.id()).version(), gated.stages().get(1).id(), "the customer is in a hurry"));
        runRules();
        assertThat(reminders(company.eastRep(), "stalled-deal", deal)).hasSize(1);

        clock.advance(Duration.ofDays(22));
        runRules();
        assertThat(reminders(company.eastRep(), "stalled-deal", moved)).hasSize(2)
                .extracting(n -> n.arguments().get(1)).containsExactlyInAnyOrder("Qualify", "Propose");
    }

    @Test
    void many_reminders_of_one_rule_in_one_run_become_one_summary_leading_to_the_list() {
        // six more deals beside the one of every test: seven stall together
        for (int i = 0; i < 6; i++) {
            data.opportunityOf(company.eastRep(), gated);
        }
        clock.advance(Duration.ofDays(15));
        runRules();
        runRules();

        List<Notification> mine = as(company.eastRep().username(), () -> notifications.mine(false,
                PageRequest.of(0, 500))).items().stream()
                .filter(n -> n.messageKey().startsWith("notification.rule.stalled-deal")).toList();
        assertThat(mine).extracting(Notification::messageKey).containsExactly("notification.rule.stalled-deal.summary");
        assertThat(mine.get(0).link()).isEqualTo("opportunities");
        assertThat(mine.get(0).arguments()).hasSize(5).startsWith("7").endsWith("4");
        assertThat(mine.get(0).arguments().subList(1, 4)).allMatch(name -> name.startsWith("deal-"));
    }

    @Test
    void the_manager_hears_of_a_deal_still_stalled_the_threshold_days_after_the_limit() {
        clock.advance(Duration.ofDays(14 + 6));
        runRules();
        assertThat(reminders(company.eastManager(), "stalled-deal-escalation", deal)).isEmpty();

        clock.advance(Duration.ofDays(2));
        runRules();
        runRules();
        assertThat(reminders(company.eastManager(), "stalled-deal-escalation", deal)).hasSize(1)
                .first().extracting(n -> n.arguments().get(5)).isEqualTo(company.eastRep().fullName());
    }

    @Test
    void a_passed_close_date_reminds_the_owner_and_again_after_it_is_moved_and_passes_again() {
        Opportunity dated = setCloseDate(deal, LocalDate.now(clock).plusDays(1));
        clock.advance(Duration.ofDays(2));
        runRules();
        runRules();
        assertThat(reminders(company.eastRep(), "close-date-passed", deal)).hasSize(1);

        setCloseDate(dated, LocalDate.now(clock).plusDays(3));
        runRules();
        assertThat(reminders(company.eastRep(), "close-date-passed", deal)).hasSize(1);
        clock.advance(Duration.ofDays(4));
        runRules();
        assertThat(reminders(company.eastRep(), "close-date-passed", deal)).hasSize(2);
    }

    @Test
    void a_customer_without_follow_up_reminds_its_owner_and_a_follow_up_starts_the_count_again() {
        String link = "customers/" + deal.customerId();
        clock.advance(Duration.ofDays(13));
        runRules();
        assertThat(remindersTo(company.eastRep(), "no-follow-up", link)).isEmpty();

        clock.advance(Duration.ofDays(2));
        runRules();
        runRules();
        assertThat(remindersTo(company.eastRep(), "no-follow-up", link)).hasSize(1);

        as(company.eastRep().username(), () -> activities.log(new FollowUpDraft(FollowUpType.CALL,
                OffsetDateTime.now(clock), "Called about the budget", deal.customerId(), null, null, null)));
        clock.advance(Duration.ofDays(10));
        runRules();
        assertThat(remindersTo(company.eastRep(), "no-follow-up", link)).hasSize(1);
        clock.advance(Duration.ofDays(5));
        runRules();
        assertThat(remindersTo(company.eastRep(), "no-follow-up", link)).hasSize(2);
    }

    @Test
    void an_overdue_task_reminds_its_assignee_then_the_manager_and_again_when_rescheduled_and_missed() {
        Task discovery = as(company.eastRep().username(), () -> tasks.mine(Task.Status.OPEN)).stream()
                .filter(t -> t.opportunityId() == deal.id() && t.title(java.util.Locale.ENGLISH).equals("Discovery call")).findFirst()
                .orElseThrow();
        clock.advance(Duration.ofDays(3));
        runRules();
        runRules();
        assertThat(taskReminders(company.eastRep(), "task-overdue", "Discovery call")).hasSize(1);
        assertThat(taskReminders(company.eastManager(), "task-overdue-escalation", "Discovery call")).isEmpty();

        clock.advance(Duration.ofDays(3));
        runRules();
        assertThat(taskReminders(company.eastManager(), "task-overdue-escalation", "Discovery call")).hasSize(1);

        Task later = as(company.eastRep().username(), () -> tasks.reschedule(discovery.id(),
                tasks.get(discovery.id()).version(), null, LocalDate.now(clock).plusDays(1)));
        clock.advance(Duration.ofDays(2));
        runRules();
        assertThat(taskReminders(company.eastRep(), "task-overdue", "Discovery call")).hasSize(2);

        as(company.eastRep().username(), () -> tasks.complete(later.id(), tasks.get(later.id()).version(), "done"));
        clock.advance(Duration.ofDays(10));
        runRules();
        assertThat(taskReminders(company.eastRep(), "task-overdue", "Discovery call")).hasSize(2);
    }

    @Test
    void an_overdue_task_about_no_deal_reminds_its_assignee_with_a_link_to_their_tasks() {
        Task given = as(company.eastManager().username(), () -> tasks.give(null, "Refresh the price list",
                company.eastRep().id(), LocalDate.now(clock).plusDays(1)));
        clock.advance(Duration.ofDays(3));
        runRules();
        List<Notification> reminded = remindersTo(company.eastRep(), "task-overdue", "tasks");
        assertThat(reminded).singleElement().satisfies(n -> {
            assertThat(n.arguments().get(0)).isEqualTo(given.title(java.util.Locale.ENGLISH));
            assertThat(messages.get(n.messageKey(), java.util.Locale.ENGLISH, n.arguments().toArray()))
                    .startsWith("The task 'Refresh the price list' was due on ");
            assertThat(messages.get(n.messageKey(), java.util.Locale.SIMPLIFIED_CHINESE, n.arguments().toArray()))
                    .startsWith("任务“Refresh the price list”截止于");
        });
        // one about a deal still names it
        Notification aboutDeal = taskReminders(company.eastRep(), "task-overdue", "Discovery call").get(0);
        assertThat(messages.get(aboutDeal.messageKey(), java.util.Locale.ENGLISH, aboutDeal.arguments().toArray()))
                .contains("'Discovery call' for " + deal.name() + " was due");
    }

    @Test
    void a_registration_request_waiting_past_the_threshold_reminds_its_approver_once() {
        as(company.westRep().username(), () -> registrations.request(new RegistrationDraft(deal.customerId(), null,
                "A second line of business", "Their Shanghai branch asked us directly", deal.customerName())));
        clock.advance(Duration.ofHours(23));
        runRules();
        assertThat(remindersTo(company.eastManager(), "registration-waiting", "registrations")).isEmpty();

        clock.advance(Duration.ofHours(2));
        runRules();
        runRules();
        assertThat(remindersTo(company.eastManager(), "registration-waiting", "registrations")).hasSize(1)
                .first().extracting(n -> n.arguments().get(1)).isEqualTo(company.westRep().fullName());
    }

    @Test
    void a_rule_switched_off_fires_nothing_and_a_threshold_below_one_is_refused() {
        AutomationRule stalled = data.asAdmin(() -> automation.rules()).get(0);
        data.asAdmin(() -> automation.update(RuleCode.STALLED_DEAL, new RuleChange(false, null, stalled.version())));
        try {
            clock.advance(Duration.ofDays(15));
            runRules();
            assertThat(reminders(company.eastRep(), "stalled-deal", deal)).isEmpty();
        } finally {
            data.asAdmin(() -> automation.update(RuleCode.STALLED_DEAL, new RuleChange(true, null,
                    automation.rules().get(0).version())));
        }

        AutomationRule noFollowUp = data.asAdmin(() -> automation.rules()).stream()
                .filter(r -> r.code() == RuleCode.NO_FOLLOW_UP).findFirst().orElseThrow();
        assertThatThrownBy(() -> data.asAdmin(() -> automation.update(RuleCode.NO_FOLLOW_UP,
                new RuleChange(true, -3, noFollowUp.version()))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .anyMatch(p -> p.field().equals("threshold")));
    }

    private void runRules() {
        data.asAdmin(() -> automation.runNow());
    }

    private Opportunity setCloseDate(Opportunity current, LocalDate date) {
        Opportunity fresh = as(company.eastRep().username(), () -> opportunities.get(current.id()));
        return as(company.eastRep().username(), () -> editing.update(fresh.id(), fresh.version(),
                new dev.funnel.pipeline.OpportunityDraft(fresh.name(), fresh.customerId(), null, null, null, null,
                        fresh.amount(), null, date, fresh.leadSource(), null, null, null, null, null)));
    }

    private List<Notification> reminders(UserSummary user, String rule, Opportunity about) {
        return remindersTo(user, rule, "opportunities/" + about.id());
    }

    private List<Notification> remindersTo(UserSummary user, String rule, String link) {
        return as(user.username(), () -> notifications.mine(false, PageRequest.of(0, 500))).items().stream()
                .filter(n -> n.messageKey().equals("notification.rule." + rule) && link.equals(n.link()))
                .toList();
    }

    private List<Notification> taskReminders(UserSummary user, String rule, String title) {
        return reminders(user, rule, deal).stream().filter(n -> n.arguments().get(0).equals(title)).toList();
    }
}
