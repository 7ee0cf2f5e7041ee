package dev.funnel.scoring.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.funnel.pipeline.DealRatings;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Scoring's schedule, on db-scheduler like the other jobs (one instance runs each tick): every open deal scored
 * again nightly (FUNNEL_SCORING_CRON, 02:15: days in stage and follow-up windows move without any change), and
 * the learning scorers trained weekly (FUNNEL_SCORING_TRAINING_CRON, Sunday 03:00), then the open deals scored
 * with their new models.
 */
@Configuration
class ScoringJobs {

    private static final Logger log = LoggerFactory.getLogger(ScoringJobs.class);

    @Bean
    RecurringTask<Void> scoringTask(ScoringRun run, DealRatings deals, Clock clock,
                                    @Value("${funnel.scoring.cron:0 15 2 * * *}") String cron) {
        return Tasks.recurring("scoring-open-deals", Schedules.cron(cron, clock.getZone()))
                .execute((instance, context) -> log.info("Scored the open deals: {} verdicts",
                        run.score(deals.openDeals())));
    }

    @Bean
    RecurringTask<Void> trainingTask(ScoringRun run, DealRatings deals, Clock clock,
                                     @Value("${funnel.scoring.training-cron:0 0 3 * * SUN}") String cron) {
        return Tasks.recurring("scoring-training", Schedules.cron(cron, clock.getZone()))
                .execute((instance, context) -> {
                    run.scorers().stream().filter(ScoringRun.Scorer::learns).forEach(run::train);
                    run.score(deals.openDeals());
                });
    }
}
