package dev.funnel.pipeline.web;

import dev.funnel.pipeline.Choice;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.TaskService;
import dev.funnel.platform.Checks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sales process as the API sees it: pipelines with their stages, the configurable lists, and tasks. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Sales process")
class ProcessController {

    private final PipelineService pipelines;
    private final ChoiceService choices;
    private final TaskService tasks;

    ProcessController(PipelineService pipelines, ChoiceService choices, TaskService tasks) {
        this.pipelines = pipelines;
        this.choices = choices;
        this.tasks = tasks;
    }

    /** Completing a task. */
    record DoneRequest(Integer version, String note) {
    }

    /** Reassigning and/or re-dating a task. */
    record RescheduleRequest(Integer version, Long assigneeId, LocalDate dueDate) {
    }

    @GetMapping("/pipelines")
    @Operation(summary = "Pipelines with their stages, exit criteria and key activities")
    List<Pipeline> pipelines() {
        return pipelines.list();
    }

    @GetMapping("/lead-sources")
    @Operation(summary = "The configured lead sources")
    List<Choice> leadSources() {
        return choices.leadSources();
    }

    @GetMapping("/lost-reasons")
    @Operation(summary = "The configured lost reasons")
    List<Choice> lostReasons() {
        return choices.lostReasons();
    }

    @GetMapping("/tasks")
    @Operation(summary = "The caller's tasks (assignee=me), optionally by status (open, done, cancelled)")
    List<Task> tasks(@RequestParam(defaultValue = "me") String assignee,
                     @RequestParam(required = false) String status) {
        Task.Status wanted = status == null ? null : parseStatus(status);
        Checks.start().rule("me".equals(assignee), "assignee", "validation.assignee.me").orThrow();
        return tasks.mine(wanted);
    }

    @PostMapping("/tasks/{id}/done")
    @Operation(summary = "Complete a task, with an optional note")
    Task done(@PathVariable long id, @RequestBody DoneRequest request) {
        Checks.start().required("version", request.version()).orThrow();
        return tasks.complete(id, request.version(), request.note());
    }

    @PostMapping("/tasks/{id}/reschedule")
    @Operation(summary = "Reassign and/or re-date an open task")
    Task reschedule(@PathVariable long id, @RequestBody RescheduleRequest request) {
        Checks.start().required("version", request.version()).orThrow();
        return tasks.reschedule(id, request.version(), request.assigneeId(), request.dueDate());
    }

    private static Task.Status parseStatus(String status) {
        try {
            return Task.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw dev.funnel.platform.InvalidInputException.of("status", "validation.parameter", status);
        }
    }
}
