package dev.funnel.platform.internal;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for everything time-based, so tests can replace it. Its zone is the server's: the company's day
 * (reports, due dates, automation) is the day where the server runs, set with TZ or -Duser.timezone.
 */
@Configuration
class ClockConfig {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(ZoneId.systemDefault());
    }
}
