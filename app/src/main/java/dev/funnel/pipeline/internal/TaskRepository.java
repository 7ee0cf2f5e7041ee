package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.STAGE;
import static dev.funnel.jooq.Tables.TASK;

import dev.funnel.identity.Unscoped;
import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.Task;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.springframework.stereotype.Repository;

/**
 * Tasks. A user sees the tasks assigned to them and those of the opportunities they may see: reads take the
 * caller's {@link VisibleScope} and their own id.
 */
@Repository
public class TaskRepository {

    private final DSLContext db;

    TaskRepository(DSLContext db) {
        this.db = db;
    }

    /** A task to create when a deal enters a stage. */
    public record NewTask(long opportunityId, long stageId, Long keyActivityId, String titleEn, String titleZh,
                          long assigneeId, LocalDate dueDate, boolean required) {
    }

    public void insert(NewTask task, long actorId) {
        db.insertInto(TASK)
                .set(TASK.OPPORTUNITY_ID, task.opportunityId())
                .set(TASK.STAGE_ID, task.stageId())
                .set(TASK.KEY_ACTIVITY_ID, task.keyActivityId())
                .set(TASK.TITLE, task.titleEn())
                .set(TASK.TITLE_ZH, task.titleZh())
                .set(TASK.ASSIGNEE_ID, task.assigneeId())
                .set(TASK.DUE_DATE, task.dueDate())
                .set(TASK.REQUIRED, task.required())
                .set(TASK.CREATED_BY, actorId)
                .set(TASK.UPDATED_BY, actorId)
                .execute();
    }

    /** A task given by hand: about a deal, or about none. */
    public long insertGiven(Long opportunityId, String title, long assigneeId, LocalDate dueDate, long actorId) {
        return db.insertInto(TASK)
                .set(TASK.OPPORTUNITY_ID, opportunityId)
                .set(TASK.TITLE, title)
                .set(TASK.ASSIGNEE_ID, assigneeId)
                .set(TASK.DUE_DATE, dueDate)
                .set(TASK.REQUIRED, false)
                .set(TASK.CREATED_BY, actorId)
                .set(TASK.UPDATED_BY, actorId)
                .returning(TASK.ID).fetchOne(TASK.ID);
    }

    /** Creates many tasks at once (an import), with a few statements rather than one per task. */
    public void insertAll(List<NewTask> newTasks, long actorId) {
        for (int from = 0; from < newTasks.size(); from += 1000) {
            var insert = db.insertInto(TASK, TASK.OPPORTUNITY_ID, TASK.STAGE_ID, TASK.KEY_ACTIVITY_ID, TASK.TITLE,
                    TASK.TITLE_ZH, TASK.ASSIGNEE_ID, TASK.DUE_DATE, TASK.REQUIRED, TASK.CREATED_BY, TASK.UPDATED_BY);
            for (NewTask task : newTasks.subList(from, Math.min(newTasks.size(), from + 1000))) {
                insert = insert.values(task.opportunityId(), task.stageId(), task.keyActivityId(), task.titleEn(),
                        task.titleZh(), task.assigneeId(), task.dueDate(), task.required(), actorId, actorId);
            }
            insert.execute();
        }
    }

    /** Key activities that already have a live (open or done) task on this deal, so re-entry adds no copies. */
    @Unscoped("the task planner asks for a deal its calling service has just loaded; only activity ids are answered")
    public List<Long> keyActivitiesWithLiveTasks(long opportunityId) {
        return db.select(TASK.KEY_ACTIVITY_ID).from(TASK)
                .where(TASK.OPPORTUNITY_ID.eq(opportunityId).and(TASK.KEY_ACTIVITY_ID.isNotNull())
                        .and(TASK.STATUS.ne(Task.Status.CANCELLED.name())))
                .fetch(TASK.KEY_ACTIVITY_ID);
    }

    /** Leaving a stage cancels its open optional tasks; done tasks and open required ones stay. */
    public int cancelOpenOptional(long opportunityId, long stageId, OffsetDateTime now, long actorId) {
        return db.update(TASK)
                .set(TASK.STATUS, Task.Status.CANCELLED.name())
                .set(TASK.VERSION, TASK.VERSION.plus(1))
                .set(TASK.UPDATED_AT, now)
                .set(TASK.UPDATED_BY, actorId)
                .where(TASK.OPPORTUNITY_ID.eq(opportunityId).and(TASK.STAGE_ID.eq(stageId))
                        .and(TASK.STATUS.eq(Task.Status.OPEN.name())).and(TASK.REQUIRED.isFalse()))
                .execute();
    }

    /** When a stage is removed, its open optional tasks go with it; done and open required ones stay. */
    public int cancelOpenOptionalInStage(long stageId, OffsetDateTime now, long actorId) {
        return db.update(TASK)
                .set(TASK.STATUS, Task.Status.CANCELLED.name())
                .set(TASK.VERSION, TASK.VERSION.plus(1))
                .set(TASK.UPDATED_AT, now)
                .set(TASK.UPDATED_BY, actorId)
                .where(TASK.STAGE_ID.eq(stageId).and(TASK.STATUS.eq(Task.Status.OPEN.name()))
                        .and(TASK.REQUIRED.isFalse()))
                .execute();
    }

    public List<Task> forOpportunity(VisibleScope scope, long opportunityId) {
        return joined().where(TASK.OPPORTUNITY_ID.eq(opportunityId))
                .and(DealScope.visibleDeal(scope, TASK.OPPORTUNITY_ID))
                .orderBy(TASK.DUE_DATE, TASK.ID).fetch(TaskRepository::toTask);
    }

    /** The tasks of one assignee, optionally of one status, soonest due first. */
    @Unscoped("a user's own tasks: what is assigned to someone is theirs to see, whoever owns the deal")
    public List<Task> forAssignee(long assigneeId, Task.Status status, int limit) {
        Condition condition = TASK.ASSIGNEE_ID.eq(assigneeId);
        if (status != null) {
            condition = condition.and(TASK.STATUS.eq(status.name()));
        }
        return joined().where(condition)
                .orderBy(status == Task.Status.DONE ? TASK.COMPLETED_AT.desc() : TASK.DUE_DATE.asc(), TASK.ID)
                .limit(limit).fetch(TaskRepository::toTask);
    }

    /**
     * The tasks the caller may see, narrowed by status, assignee and sync window: soonest due first, or in id order
     * for a sync.
     */
    public List<Task> find(VisibleScope scope, Task.Status status, Long assigneeId,
                           dev.funnel.platform.SyncWindow window, long offset, int limit) {
        return joined().where(matching(scope, status, assigneeId, window))
                .orderBy(window.narrowed() ? List.of(TASK.ID.asc()) : List.of(TASK.DUE_DATE.asc(), TASK.ID.asc()))
                .limit(limit).offset(offset).fetch(TaskRepository::toTask);
    }

    public long count(VisibleScope scope, Task.Status status, Long assigneeId, dev.funnel.platform.SyncWindow window) {
        return db.fetchCount(db.select(TASK.ID).from(TASK).leftJoin(OPPORTUNITY).on(OPPORTUNITY.ID.eq(TASK.OPPORTUNITY_ID))
                .where(matching(scope, status, assigneeId, window)));
    }

    private static Condition matching(VisibleScope scope, Task.Status status, Long assigneeId,
                                      dev.funnel.platform.SyncWindow window) {
        Condition condition = visible(scope).and(window.holds(TASK.UPDATED_AT, TASK.ID));
        if (status != null) {
            condition = condition.and(TASK.STATUS.eq(status.name()));
        }
        return assigneeId == null ? condition : condition.and(TASK.ASSIGNEE_ID.eq(assigneeId));
    }

    /**
     * A task the caller may act on: assigned to them, or on an opportunity they may see; one about no deal (given
     * by hand) also by whoever gave it and by those who see its assignee's records.
     */
    public Optional<Task> findVisible(VisibleScope scope, long taskId) {
        return joined().where(TASK.ID.eq(taskId).and(visible(scope))).fetchOptional(TaskRepository::toTask);
    }

    private static Condition visible(VisibleScope scope) {
        return TASK.ASSIGNEE_ID.eq(scope.userId())
                .or(TASK.OPPORTUNITY_ID.isNotNull().and(scope.owns(OPPORTUNITY.OWNER_ID)))
                .or(TASK.OPPORTUNITY_ID.isNull().and(TASK.CREATED_BY.eq(scope.userId())
                        .or(scope.owns(TASK.ASSIGNEE_ID))));
    }

    /** Where a task stands: open, done or cancelled, its due date and when it was done. */
    public record TaskState(long id, Task.Status status, LocalDate dueDate, OffsetDateTime completedAt) {
    }

    @Unscoped("only the state and dates of tasks a review's decisions became, for a reviewer who sees the review; "
            + "no title, deal or customer")
    public List<TaskState> states(java.util.Collection<Long> taskIds) {
        return db.select(TASK.ID, TASK.STATUS, TASK.DUE_DATE, TASK.COMPLETED_AT).from(TASK)
                .where(TASK.ID.in(taskIds)).orderBy(TASK.ID)
                .fetch(r -> new TaskState(r.get(TASK.ID), Task.Status.valueOf(r.get(TASK.STATUS)),
                        r.get(TASK.DUE_DATE), r.get(TASK.COMPLETED_AT)));
    }

    /** Writes only when the task still has the version the caller read; answers whether it did. */
    public boolean complete(long taskId, int version, String note, OffsetDateTime now, long actorId) {
        return db.update(TASK)
                .set(TASK.STATUS, Task.Status.DONE.name())
                .set(TASK.NOTE, note)
                .set(TASK.COMPLETED_AT, now)
                .set(TASK.COMPLETED_BY, actorId)
                .set(TASK.VERSION, version + 1)
                .set(TASK.UPDATED_AT, now)
                .set(TASK.UPDATED_BY, actorId)
                .where(TASK.ID.eq(taskId).and(TASK.VERSION.eq(version)))
                .execute() == 1;
    }

    /** Re-dates and reassigns in one write, with the same version check. */
    public boolean reschedule(long taskId, int version, long assigneeId, LocalDate dueDate, OffsetDateTime now,
                              long actorId) {
        return db.update(TASK)
                .set(TASK.ASSIGNEE_ID, assigneeId)
                .set(TASK.DUE_DATE, dueDate)
                .set(TASK.VERSION, version + 1)
                .set(TASK.UPDATED_AT, now)
                .set(TASK.UPDATED_BY, actorId)
                .where(TASK.ID.eq(taskId).and(TASK.VERSION.eq(version)))
                .execute() == 1;
    }

    private SelectOnConditionStep<Record> joined() {
        return db.select(TASK.fields())
                .select(OPPORTUNITY.NAME, STAGE.NAME_EN, STAGE.NAME_ZH, APP_USER.FULL_NAME)
                .from(TASK)
                .leftJoin(OPPORTUNITY).on(OPPORTUNITY.ID.eq(TASK.OPPORTUNITY_ID))
                .join(APP_USER).on(APP_USER.ID.eq(TASK.ASSIGNEE_ID))
                .leftJoin(STAGE).on(STAGE.ID.eq(TASK.STAGE_ID));
    }

    private static Task toTask(Record r) {
        return new Task(r.get(TASK.ID), r.get(TASK.OPPORTUNITY_ID), r.get(OPPORTUNITY.NAME), r.get(TASK.STAGE_ID),
                r.get(STAGE.NAME_EN), r.get(STAGE.NAME_ZH), r.get(TASK.KEY_ACTIVITY_ID), r.get(TASK.TITLE),
                r.get(TASK.TITLE_ZH), r.get(TASK.ASSIGNEE_ID), r.get(APP_USER.FULL_NAME), r.get(TASK.DUE_DATE),
                r.get(TASK.REQUIRED), Task.Status.valueOf(r.get(TASK.STATUS)), r.get(TASK.NOTE),
                r.get(TASK.COMPLETED_AT), r.get(TASK.VERSION));
    }
}
