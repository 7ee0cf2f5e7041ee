package dev.funnel.pipeline;

import dev.funnel.plugin.api.OpportunityField;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one implementation of the stage gate, used by the UI, the REST API and imports alike. Moving forward out
 * of a stage needs its checklist items confirmed, its required fields filled and its required tasks done;
 * skipping stages needs the exit criteria of every skipped stage too. Moving back needs nothing. Winning leaves
 * the current stage and every later one for good, so it needs the exit criteria of all of them: a deal is won
 * only when it really passed the last stage's gate.
 */
final class StageGate {

    private StageGate() {
    }

    /** What the current state of the deal lacks for the move, item by item; empty when the move may go ahead. */
    static List<MissingItem> check(Opportunity deal, Pipeline pipeline, Stage target, Set<Long> confirmedCriteria,
                                   List<Task> tasks, int productLines) {
        return leaving(deal, pipeline, target.position(), confirmedCriteria, tasks, productLines);
    }

    /** What the deal lacks to be closed as won from its current stage: the gates of it and every later stage. */
    static List<MissingItem> checkWinning(Opportunity deal, Pipeline pipeline, Set<Long> confirmedCriteria,
                                          List<Task> tasks, int productLines) {
        return leaving(deal, pipeline, Integer.MAX_VALUE, confirmedCriteria, tasks, productLines);
    }

    /** The unmet exit criteria of the stages from the deal's current one up to (not including) the position. */
    private static List<MissingItem> leaving(Opportunity deal, Pipeline pipeline, int untilPosition,
                                             Set<Long> confirmedCriteria, List<Task> tasks, int productLines) {
        Stage current = pipeline.stages().stream().filter(s -> s.id() == deal.stageId()).findFirst().orElseThrow();
        List<MissingItem> missing = new ArrayList<>();
        for (Stage leaving : pipeline.stages()) {
            if (leaving.position() < current.position() || leaving.position() >= untilPosition) {
                continue;
            }
            for (Criterion criterion : leaving.exitCriteria()) {
                if (criterion.isChecklistItem() && !confirmedCriteria.contains(criterion.id())) {
                    missing.add(new MissingItem(MissingItem.Kind.CHECKLIST, leaving.id(), criterion.id(), null, null,
                            criterion.textEn(), criterion.textZh()));
                } else if (!criterion.isChecklistItem() && !filled(deal, criterion.requiredField(), productLines)) {
                    missing.add(new MissingItem(MissingItem.Kind.FIELD, leaving.id(), criterion.id(), null,
                            criterion.requiredField(), criterion.textEn(), criterion.textZh()));
                }
            }
            // every required key activity of a stage being left must be done, skipped stages included
            for (KeyActivity activity : leaving.keyActivities()) {
                boolean done = tasks.stream().anyMatch(t -> t.keyActivityId() != null
                        && t.keyActivityId() == activity.id() && t.status() == Task.Status.DONE);
                if (activity.required() && !done) {
                    Long openTask = tasks.stream().filter(t -> t.keyActivityId() != null
                            && t.keyActivityId() == activity.id() && t.status() == Task.Status.OPEN)
                            .map(Task::id).findFirst().orElse(null);
                    missing.add(new MissingItem(MissingItem.Kind.TASK, leaving.id(), null, openTask, null,
                            activity.titleEn(), activity.titleZh()));
                }
            }
        }
        return missing;
    }

    static boolean filled(Opportunity deal, OpportunityField field, int productLines) {
        return switch (field) {
            case AMOUNT -> deal.amount() != null && deal.amount().signum() > 0;
            case EXPECTED_CLOSE_DATE -> deal.expectedCloseDate() != null;
            case DECISION_MAKER -> deal.contactId() != null;
            case PRODUCTS -> productLines > 0;
            case NEXT_STEP -> deal.nextStep() != null && !deal.nextStep().isBlank();
        };
    }
}
