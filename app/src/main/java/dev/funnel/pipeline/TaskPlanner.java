package dev.funnel.pipeline;

import dev.funnel.identity.UserService;
import dev.funnel.pipeline.internal.TaskRepository;
import dev.funnel.plugin.api.AssigneeRole;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns a stage's key activities into tasks when a deal enters it, for the person in each activity's role:
 * the owner, the pre-sales person (falling back to the owner) or the owner's manager. Used by every path that
 * puts a deal into a stage: creation, moves, and the removal of a stage.
 */
@Component
class TaskPlanner {

    private final TaskRepository tasks;
    private final UserService users;
    private final Clock clock;

    TaskPlanner(TaskRepository tasks, UserService users, Clock clock) {
        this.tasks = tasks;
        this.users = users;
        this.clock = clock;
    }

    /** Creates the stage's tasks for the deal, except those whose activity already has a live task. */
    public void enteredStage(Opportunity deal, Stage stage, OffsetDateTime now, long actorId) {
        Set<Long> live = Set.copyOf(tasks.keyActivitiesWithLiveTasks(deal.id()));
        LocalDate today = now.atZoneSameInstant(clock.getZone()).toLocalDate();
        for (KeyActivity activity : stage.keyActivities()) {
            if (live.contains(activity.id())) {
                continue;
            }
            tasks.insert(new TaskRepository.NewTask(deal.id(), stage.id(), activity.id(), activity.titleEn(),
                    activity.titleZh(), assigneeFor(activity.assignee(), deal), today.plusDays(activity.dueDays()),
                    activity.required()), actorId);
        }
    }

    private long assigneeFor(AssigneeRole role, Opportunity deal) {
        return switch (role) {
            case OWNER -> deal.ownerId();
            case PRE_SALES -> deal.presalesId() == null ? deal.ownerId() : deal.presalesId();
            case MANAGER -> users.managerOf(deal.ownerId()).orElse(deal.ownerId());
        };
    }
}
