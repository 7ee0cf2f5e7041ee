package dev.funnel.automation;

import java.time.Instant;
import java.util.Optional;

/**
 * When the rules run by themselves.
 *
 * @param cron          the configured schedule ({@code funnel.automation.cron}), {@code -} when off
 * @param nextRun       the next run the scheduler has planned, if any
 * @param lastSuccess   when a scheduled run last finished without failing, if ever
 */
public record Schedule(String cron, Optional<Instant> nextRun, Optional<Instant> lastSuccess) {
}
