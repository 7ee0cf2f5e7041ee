package dev.funnel.pipeline;

import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.internal.OpportunityRepository;
import dev.funnel.pipeline.internal.TaskRepository;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.StaleVersionException;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks: the caller's own list, and completing, reassigning and re-dating a task. A task may be acted on by its
 * assignee and by whoever may see its opportunity (its owner, their managers).
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class TaskService {

    static final String ENTITY = "task";
    private static final int MOST = 500;

    private final TaskRepository tasks;
    private final OpportunityRepository opportunities;
    private final UserService users;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    TaskService(TaskRepository tasks, OpportunityRepository opportunities, UserService users, Clock clock,
                ApplicationEventPublisher events) {
        this.opportunities = opportunities;
        this.events = events;
        this.tasks = tasks;
        this.users = users;
        this.clock = clock;
    }

    /** The signed-in user's tasks of one status (all when null), soonest due first; done ones latest first. */
    public List<Task> mine(Task.Status status) {
        return tasks.forAssignee(users.current().id(), status, MOST);
    }

    /**
     * The tasks the caller may see (their own, and those of the deals and people they see), narrowed by status and
     * assignee; soonest due first, or in id order for an integration's sync.
     */
    public dev.funnel.platform.PageResult<Task> list(Task.Status status, Long assigneeId,
                                                     dev.funnel.platform.SyncWindow window,
                                                     dev.funnel.platform.PageRequest page) {
        dev.funnel.identity.VisibleScope scope = users.visibleScope();
        return new dev.funnel.platform.PageResult<>(
                tasks.find(scope, status, assigneeId, window, page.offset(), page.limit()),
                tasks.count(scope, status, assigneeId, window), page.page(), page.size());
    }

    /** The signed-in user's id, for "my tasks". */
    public long myId() {
        return users.current().id();
    }

    public Task get(long taskId) {
        return tasks.findVisible(users.visibleScope(), taskId).orElseThrow(() -> new NotFoundException(ENTITY, taskId));
    }

    /**
     * Where the given tasks stand (state and dates only), for a review following up the tasks its decisions
     * became; the caller's right to that review is the review's to check.
     */
    public Map<Long, TaskState> states(java.util.Collection<Long> taskIds) {
        return taskIds.isEmpty() ? Map.of() : tasks.states(taskIds).stream().collect(java.util.stream.Collectors
                .toMap(s -> s.id(), s -> new TaskState(s.status(), s.dueDate(), s.completedAt())));
    }

    /** Where a task stands. */
    public record TaskState(Task.Status status, LocalDate dueDate, OffsetDateTime completedAt) {
    }

    /**
     * Gives someone a task by hand (a review's decision): a title, an assignee the caller may assign to, a due
     * date from today on, and optionally a deal the caller may see. It belongs to no stage, so the deal moving on
     * never cancels it.
     */
    @Transactional
    public Task give(Long opportunityId, String title, long assigneeId, LocalDate dueDate) {
        CurrentUser me = users.current();
        Checks.start()
                .required("title", title)
                .maxLength("title", title, 200)
                .rule(dueDate != null, "dueDate", "validation.required")
                .rule(dueDate == null || !dueDate.isBefore(today()), "dueDate", "validation.task.due-past")
                .rule(assigneeId == me.id() || users.canAssignTo(assigneeId), "assigneeId",
                        "validation.owner.not-assignable")
                .rule(opportunityId == null
                                || opportunities.findById(users.visibleScope(), opportunityId).isPresent(),
                        "opportunityId", "validation.task.deal-not-visible")
                .orThrow();
        long id = tasks.insertGiven(opportunityId, title.trim(), assigneeId, dueDate, me.id());
        return get(id);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    @Transactional
    public Task complete(long taskId, int version, String note) {
        CurrentUser me = users.current();
        Task task = get(taskId);
        Checks.start()
                .rule(task.status() == Task.Status.OPEN, "status", "validation.task.not-open")
                .maxLength("note", note, 2000)
                .orThrow();
        if (!tasks.complete(taskId, version, note == null || note.isBlank() ? null : note.trim(),
                OffsetDateTime.now(clock), me.id())) {
            throw new StaleVersionException(ENTITY, taskId);
        }
        Task done = get(taskId);
        events.publishEvent(new OpportunityEvents.TaskDone(java.util.UUID.randomUUID(), clock.instant(), taskId,
                me.id(), done.title(java.util.Locale.ENGLISH), done.opportunityId(), done.assigneeId()));
        return done;
    }

    /** Gives the task to someone else and/or another due date. */
    @Transactional
    public Task reschedule(long taskId, int version, Long assigneeId, LocalDate dueDate) {
        CurrentUser me = users.current();
        Task task = get(taskId);
        long assignee = assigneeId == null ? task.assigneeId() : assigneeId;
        Checks.start()
                .rule(task.status() == Task.Status.OPEN, "status", "validation.task.not-open")
                .rule(assignee == task.assigneeId() || users.canAssignTo(assignee), "assigneeId",
                        "validation.owner.not-assignable")
                .rule(dueDate == null || dueDate.equals(task.dueDate()) || !dueDate.isBefore(today()), "dueDate",
                        "validation.task.due-past")
                .orThrow();
        if (!tasks.reschedule(taskId, version, assignee, dueDate == null ? task.dueDate() : dueDate,
                OffsetDateTime.now(clock), me.id())) {
            throw new StaleVersionException(ENTITY, taskId);
        }
        return get(taskId);
    }
}
