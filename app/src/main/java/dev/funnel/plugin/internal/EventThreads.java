package dev.funnel.plugin.internal;

import java.util.concurrent.Executor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads that hand committed domain events to plugins. Two, so that events mostly arrive in the order they
 * committed and a burst (an import creating thousands of customers) queues here instead of taking the database
 * connections users need. The queue holds events in memory only as a cache: each is also a row of
 * {@code event_publication} until handed over.
 */
@Configuration
@EnableAsync
class EventThreads {

    static final String BEAN = "funnelEventThreads";

    @Bean(BEAN)
    Executor funnelEventThreads() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setThreadNamePrefix("funnel-events-");
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }
}
