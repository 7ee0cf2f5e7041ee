package dev.funnel.platform.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Forgets the Idempotency-Keys older than a day, every hour (the API answers an expired key as a new one anyway). */
@Configuration
class IdempotencyJobs {

    @Bean
    RecurringTask<Void> forgetIdempotencyKeysTask(IdempotentRequestRepository remembered, Clock clock) {
        return Tasks.recurring("idempotency-keys-forget", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> remembered.forgetBefore(OffsetDateTime.now(clock).minus(IdempotentRequests.KEPT)));
    }
}
