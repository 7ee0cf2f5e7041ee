package dev.funnel.pipeline.web;

import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.TaskService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.SyncWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tasks: the key selling activities a deal's stage gave someone, and tasks given by hand. Created, reassigned,
 * re-dated and completed; never deleted (one that no longer applies is cancelled when its deal moves on).
 */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks")
class TaskController {

    private final TaskService tasks;

    TaskController(TaskService tasks) {
        this.tasks = tasks;
    }

    /** A task given by hand: a title, an assignee, a due date from today on, and optionally the deal it is about. */
    record NewTaskRequest(String title, Long assigneeId, LocalDate dueDate, Long opportunityId) {
    }

    /** Completing a task. */
    record DoneRequest(Integer version, String note) {
    }

    /** Reassigning and/or re-dating a task; what is left out stays as it is. */
    record RescheduleRequest(Integer version, Long assigneeId, LocalDate dueDate) {
    }

    @GetMapping
    @Operation(summary = "Tasks the caller may see, soonest due first: assignee=me (the default), all (also those "
            + "of the deals and people the caller sees) or a user's id; optionally by status (open, done, "
            + "cancelled). updatedSince and afterId narrow it for an incremental sync, in id order")
    PageResult<Task> list(@RequestParam(defaultValue = "me") String assignee,
                          @RequestParam(required = false) String status,
                          @RequestParam(required = false)
                          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime updatedSince,
                          @RequestParam(required = false) Long afterId,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Task.Status wanted = status == null ? null : parseStatus(status);
        return tasks.list(wanted, assigneeId(assignee), new SyncWindow(updatedSince, afterId),
                PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One task; 404 when it does not exist or the caller may not see it")
    Task get(@PathVariable long id) {
        return tasks.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Give someone a task: title, assigneeId (the caller or someone whose records they see), "
            + "dueDate (today or later) and optionally opportunityId. Send an Idempotency-Key so that a retry "
            + "creates it once")
    Task create(@RequestBody NewTaskRequest request) {
        Checks.start().required("assigneeId", request.assigneeId()).orThrow();
        return tasks.give(request.opportunityId(), request.title(), request.assigneeId(), request.dueDate());
    }

    @PostMapping("/{id}/done")
    @Operation(summary = "Complete an open task, with an optional note; 409 when the version is stale")
    Task done(@PathVariable long id, @RequestBody DoneRequest request) {
        Checks.start().required("version", request.version()).orThrow();
        return tasks.complete(id, request.version(), request.note());
    }

    @PostMapping("/{id}/reschedule")
    @Operation(summary = "Reassign and/or re-date an open task (a new due date may not lie in the past); 409 when "
            + "the version is stale")
    Task reschedule(@PathVariable long id, @RequestBody RescheduleRequest request) {
        Checks.start().required("version", request.version()).orThrow();
        return tasks.reschedule(id, request.version(), request.assigneeId(), request.dueDate());
    }

    /** Null for every task the caller sees; the caller's own id for "me". */
    private Long assigneeId(String assignee) {
        return switch (assignee) {
            case "me" -> tasks.myId();
            case "all" -> null;
            default -> {
                try {
                    yield Long.valueOf(assignee);
                } catch (NumberFormatException e) {
                    throw InvalidInputException.of("assignee", "validation.parameter", assignee);
                }
            }
        };
    }

    private static Task.Status parseStatus(String status) {
        try {
            return Task.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("status", "validation.parameter", status);
        }
    }
}
