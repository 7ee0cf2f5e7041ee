package dev.funnel.platform.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the app's scheduled work (the nightly return of lapsed customers to the pool). */
@Configuration
@EnableScheduling
class SchedulingConfig {
}
