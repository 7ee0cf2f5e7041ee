package dev.funnel.pipeline.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Every few seconds, moves the changes that statements appended to the tally of deals per owner, pipeline, stage
 * and status into the tally itself (db-changelog 1.10/opportunity-list.xml). Counts are exact without it (they add
 * the changes not folded yet); folding keeps those changes few, so that a count stays a sum over a few hundred rows.
 */
@Component
class OpportunityTallyFold {

    @Bean
    static RecurringTask<Void> opportunityTallyFoldTask(OpportunityRepository opportunities) {
        return Tasks.recurring("opportunity-tally-fold", FixedDelay.ofSeconds(10))
                .execute((instance, context) -> opportunities.foldTally());
    }
}
