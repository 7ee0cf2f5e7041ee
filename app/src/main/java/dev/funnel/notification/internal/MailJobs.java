package dev.funnel.notification.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The e-mail jobs, on db-scheduler like the automation rules: the outbox is sent every
 * {@code funnel.mail.send-every} (30 s), the digests are put together daily at {@code FUNNEL_MAIL_DIGEST_CRON}
 * (08:00). One instance runs each tick; a message is locked while it is sent, so none goes out twice.
 */
@Configuration
class MailJobs {

    @Bean
    RecurringTask<Void> mailOutboxTask(Mailer mailer, @Value("${funnel.mail.send-every:30s}") Duration every) {
        return Tasks.recurring("mail-outbox", FixedDelay.of(every))
                .execute((instance, context) -> mailer.sendDue());
    }

    @Bean
    RecurringTask<Void> mailDigestTask(Mailer mailer, Clock clock,
                                       @Value("${funnel.mail.digest-cron:0 0 8 * * *}") String cron) {
        return Tasks.recurring("mail-digest", Schedules.cron(cron, clock.getZone()))
                .execute((instance, context) -> {
                    mailer.queueDigests();
                    mailer.sendDue();
                });
    }
}
