package dev.funnel.automation;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One run of the rules and how many reminders each rule fired in it.
 *
 * @param trigger   {@code SCHEDULE} or {@code MANUAL}
 * @param finishedAt null while running, or when the run died before the end
 * @param failure   why the run stopped early, or null
 */
public record AutomationRun(long id, String trigger, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                            String failure, Map<RuleCode, Integer> fired) {

    public AutomationRun {
        fired = Map.copyOf(fired);
    }

    public int total() {
        return fired.values().stream().mapToInt(Integer::intValue).sum();
    }
}
