package dev.funnel.pipeline;

import java.util.List;

/**
 * What the owner needs to move a deal on: the current stage's exit criteria with their state, its tasks, and
 * what the gate would still refuse for a move to the next stage.
 */
public record StageGuide(Stage stage, Stage nextStage, List<CriterionStatus> criteria, List<Task> tasks,
                         List<MissingItem> missingForNext) {

    public StageGuide {
        criteria = List.copyOf(criteria);
        tasks = List.copyOf(tasks);
        missingForNext = List.copyOf(missingForNext);
    }
}
