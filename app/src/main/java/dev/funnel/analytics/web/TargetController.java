package dev.funnel.analytics.web;

import dev.funnel.analytics.PeriodKind;
import dev.funnel.analytics.Target;
import dev.funnel.analytics.TargetDraft;
import dev.funnel.analytics.TargetProgress;
import dev.funnel.analytics.TargetService;
import dev.funnel.platform.Checks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Targets (quotas, 销售目标) per rep or team and month or quarter: read by whoever sees the people they are for,
 * set and removed by administrators (docs/metrics.md, "Targets", defines the progress figures).
 */
@RestController
@RequestMapping("/api/v1/targets")
@Tag(name = "Targets")
class TargetController {

    private final TargetService targets;

    TargetController(TargetService targets) {
        this.targets = targets;
    }

    /**
     * A target to set: for a rep (ownerId) or a team (teamId), a period given by its first day; {@code version}
     * is the one read when it already exists, left out for a new one.
     */
    record TargetRequest(PeriodKind kind, LocalDate periodStart, Long ownerId, Long teamId, BigDecimal amount,
                         String currency, Integer version) {
    }

    @GetMapping
    @Operation(summary = "The targets of the period (kind MONTH or QUARTER; any day of it) the caller may see: "
            + "their own, and those of the people and teams they see")
    List<Target> list(@RequestParam PeriodKind kind,
                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate period) {
        return targets.list(kind, period);
    }

    @GetMapping("/progress")
    @Operation(summary = "Each of those targets with what is won, what is open by forecast category, the gap and "
            + "the pipeline coverage")
    List<TargetProgress> progress(@RequestParam PeriodKind kind,
                                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate period) {
        return targets.progress(kind, period);
    }

    @PutMapping
    @Operation(summary = "Set a target (administrators): a new one, or a new amount for the one the rep or team "
            + "already has for the period and currency, which needs the version read (409 when stale)")
    Target set(@RequestBody TargetRequest request) {
        return targets.set(new TargetDraft(request.kind(), request.periodStart(), request.ownerId(), request.teamId(),
                request.amount(), request.currency()), request.version());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a target (administrators); 409 when the version is stale")
    void remove(@PathVariable long id, @RequestParam(required = false) Integer version) {
        Checks.start().required("version", version).orThrow();
        targets.remove(id, version);
    }
}
