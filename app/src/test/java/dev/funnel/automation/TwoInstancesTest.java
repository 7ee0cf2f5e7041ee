package dev.funnel.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.funnel.automation.internal.RuleRunner;
import dev.funnel.notification.NotificationService;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two app instances against one database: every reminder exists exactly once, whether the rules run on the two
 * instances' schedulers turn by turn or at the very same moment.
 */
class TwoInstancesTest extends IntegrationTest {

    @Autowired
    RuleRunner runner;
    @Autowired
    DataSource dataSource;
    @Autowired
    NotificationService notifications;

    @Test
    void two_schedulers_on_one_database_fire_each_reminder_once() throws Exception {
        Org company = data.organisation();
        Opportunity deal = data.opportunityOf(company.eastRep(), data.gatedPipeline());
        clock.advance(Duration.ofDays(15));

        AtomicInteger runs = new AtomicInteger();
        // a task name only this test knows, every 300 ms: the instances take turns claiming each execution
        RecurringTask<Void> task = Tasks.recurring("automation-rules-two-instances-test",
                        FixedDelay.ofMillis(300))
                .execute((instance, context) -> {
                    runner.runAll("SCHEDULE", null);
                    runs.incrementAndGet();
                });
        Scheduler first = scheduler("instance-a", task);
        Scheduler second = scheduler("instance-b", task);
        try {
            first.start();
            second.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (runs.get() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            first.stop();
            second.stop();
        }

        assertThat(runs.get()).isGreaterThanOrEqualTo(6);
        assertThat(stalledReminders(company, deal)).hasSize(1);
    }

    @Test
    void two_runs_at_the_same_moment_fire_each_reminder_once() {
        Org company = data.organisation();
        Opportunity deal = data.opportunityOf(company.eastRep(), data.gatedPipeline());
        clock.advance(Duration.ofDays(15));

        CompletableFuture<?> a = CompletableFuture.runAsync(() -> runner.runAll("SCHEDULE", null));
        CompletableFuture<?> b = CompletableFuture.runAsync(() -> runner.runAll("SCHEDULE", null));
        CompletableFuture.allOf(a, b).join();

        assertThat(stalledReminders(company, deal)).hasSize(1);
    }

    private Scheduler scheduler(String name, RecurringTask<Void> task) {
        return Scheduler.create(dataSource)
                .startTasks(task)
                .schedulerName(new SchedulerName.Fixed(name))
                .pollingInterval(Duration.ofMillis(100))
                .threads(2)
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    private List<?> stalledReminders(Org company, Opportunity deal) {
        return as(company.eastRep().username(), () -> notifications.mine(false, PageRequest.of(0, 500))).items()
                .stream()
                .filter(n -> n.messageKey().equals("notification.rule.stalled-deal")
                        && ("opportunities/" + deal.id()).equals(n.link()))
                .toList();
    }
}
