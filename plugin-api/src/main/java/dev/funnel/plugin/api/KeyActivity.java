package dev.funnel.plugin.api;

import java.util.Objects;

/**
 * A standard action expected in a stage (关键销售动作). When an opportunity enters the stage it becomes a task.
 *
 * @param title what to do
 * @param guidance how to do it well
 * @param dueDays the task is due this many days after the opportunity entered the stage (0 or more)
 * @param assignee who the task goes to
 * @param required whether the task must be done before the opportunity may leave the stage
 * @since 1.0.0
 */
public record KeyActivity(LocalizedText title, LocalizedText guidance, int dueDays, AssigneeRole assignee,
                          boolean required) {

    /** @since 1.0.0 */
    public KeyActivity {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(guidance, "guidance");
        Objects.requireNonNull(assignee, "assignee");
        if (dueDays < 0) {
            throw new IllegalArgumentException("KeyActivity.dueDays must be 0 or more, was " + dueDays);
        }
    }
}
