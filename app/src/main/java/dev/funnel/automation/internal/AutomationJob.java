package dev.funnel.automation.internal;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.funnel.automation.Schedule;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rules' schedule as a db-scheduler recurring task: its next execution is a row in scheduled_tasks, which
 * one instance at a time claims, so that several instances run the rules once per tick between them, and a
 * restart keeps the plan. An instance that dies mid-run stops renewing its claim; after the claim goes stale
 * another instance runs the rules again, which fires only what the dead run had not committed.
 */
@Configuration
public class AutomationJob {

    public static final String TASK_NAME = "automation-rules";

    private final String cron;
    private final ObjectProvider<Scheduler> scheduler;

    AutomationJob(@Value("${funnel.automation.cron}") String cron, ObjectProvider<Scheduler> scheduler) {
        this.cron = cron;
        this.scheduler = scheduler;
    }

    @Bean
    RecurringTask<Void> automationRulesTask(RuleRunner runner, Clock clock) {
        return Tasks.recurring(TASK_NAME, Schedules.cron(cron, clock.getZone()))
                .execute((instance, context) -> runner.runAll("SCHEDULE", null));
    }

    /**
     * The configured schedule with the next planned run and the last successful one, as the scheduler's table
     * says; without a scheduler on this instance (FUNNEL_SCHEDULER_ENABLED=false) only the configuration.
     */
    public Schedule schedule() {
        Optional<ScheduledExecution<Object>> planned = Optional.ofNullable(scheduler.getIfAvailable())
                .flatMap(s -> s.getScheduledExecution(TaskInstanceId.of(TASK_NAME, RecurringTask.INSTANCE)));
        return new Schedule(cron, planned.map(ScheduledExecution::getExecutionTime),
                planned.map(ScheduledExecution::getLastSuccess));
    }
}
