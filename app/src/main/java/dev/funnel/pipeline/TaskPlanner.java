package dev.funnel.pipeline;

import dev.funnel.identity.UserService;
import dev.funnel.pipeline.internal.TaskRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Turns a stage's key activities into tasks when a deal enters it, for the person in each activity's role:
 * the owner, the pre-sales person (falling back to the owner) or the owner's manager. Used by every path that
 * puts a deal into a stage: creation, moves, the removal of a stage, and imports of open deals.
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
        for (TaskRepository.NewTask task : tasksFor(deal.id(), deal.ownerId(), deal.presalesId(), stage, today,
                () -> users.managerOf(deal.ownerId()))) {
            if (!live.contains(task.keyActivityId())) {
                tasks.insert(task, actorId);
            }
        }
    }

    /**
     * The tasks of the stage's key activities for a deal that entered it on a day, each due its activity's days
     * later, for the person in the activity's role.
     *
     * @param managerOfOwner the owner's manager, asked only when an activity is the manager's
     */
    List<TaskRepository.NewTask> tasksFor(long dealId, long ownerId, Long presalesId, Stage stage, LocalDate enteredOn,
                                          Supplier<Optional<Long>> managerOfOwner) {
        List<TaskRepository.NewTask> planned = new ArrayList<>();
        for (KeyActivity activity : stage.keyActivities()) {
            long assignee = switch (activity.assignee()) {
                case OWNER -> ownerId;
                case PRE_SALES -> presalesId == null ? ownerId : presalesId;
                case MANAGER -> managerOfOwner.get().orElse(ownerId);
            };
            planned.add(new TaskRepository.NewTask(dealId, stage.id(), activity.id(), activity.titleEn(),
                    activity.titleZh(), assignee, enteredOn.plusDays(activity.dueDays()), activity.required()));
        }
        return planned;
    }
}
