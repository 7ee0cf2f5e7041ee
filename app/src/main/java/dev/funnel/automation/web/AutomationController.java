package dev.funnel.automation.web;

import dev.funnel.automation.AutomationRule;
import dev.funnel.automation.AutomationRun;
import dev.funnel.automation.AutomationService;
import dev.funnel.automation.RuleChange;
import dev.funnel.automation.RuleCode;
import dev.funnel.automation.Schedule;
import dev.funnel.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin &gt; Automation over REST: the rules, their schedule and last run, and running them now. Admins only. */
@RestController
@RequestMapping("/api/v1/admin/automation")
@Tag(name = "Automation")
class AutomationController {

    private final AutomationService automation;

    AutomationController(AutomationService automation) {
        this.automation = automation;
    }

    /** How many reminders each rule fired in a run. */
    record RunResult(long runId, OffsetDateTime startedAt, OffsetDateTime finishedAt, int total,
                     List<RuleFired> rules) {

        static RunResult of(AutomationRun run) {
            return new RunResult(run.id(), run.startedAt(), run.finishedAt(), run.total(),
                    Arrays.stream(RuleCode.values()).filter(run.fired()::containsKey)
                            .map(code -> new RuleFired(code, run.fired().get(code))).toList());
        }
    }

    record RuleFired(RuleCode rule, int fired) {
    }

    record Overview(List<AutomationRule> rules, Schedule schedule, RunResult lastRun) {
    }

    @PostMapping("/run")
    @Operation(summary = "Runs every enabled rule now and answers how many reminders each fired")
    RunResult run() {
        return RunResult.of(automation.runNow());
    }

    @GetMapping
    @Operation(summary = "The rules with their thresholds, the schedule and the last run")
    Overview overview() {
        return new Overview(automation.rules(), automation.schedule(),
                automation.lastRun().map(RunResult::of).orElse(null));
    }

    @PutMapping("/rules/{code}")
    @Operation(summary = "Switches a rule on or off and sets its threshold (days or hours, per rule; at least 1)")
    AutomationRule update(@PathVariable String code, @RequestBody RuleChange change) {
        return automation.update(rule(code), change);
    }

    private static RuleCode rule(String code) {
        try {
            return RuleCode.valueOf(code.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("automation rule", code);
        }
    }
}
