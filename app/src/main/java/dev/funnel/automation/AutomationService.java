package dev.funnel.automation;

import dev.funnel.automation.internal.AutomationJob;
import dev.funnel.automation.internal.AutomationRepository;
import dev.funnel.automation.internal.RuleRunner;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.StaleVersionException;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Admin &gt; Automation: the rules, their thresholds, the schedule, the last run, and running them now. */
@Service
public class AutomationService {

    /** A threshold above this is a typing error rather than a policy: ten years of days or hours. */
    static final int MAX_THRESHOLD = 3650;

    private final AutomationRepository automation;
    private final RuleRunner runner;
    private final AutomationJob job;
    private final UserService users;
    private final Clock clock;

    private final dev.funnel.audit.AuditLog audit;

    AutomationService(AutomationRepository automation, RuleRunner runner, AutomationJob job,
                      UserService users, Clock clock,
            dev.funnel.audit.AuditLog audit) {
        this.audit = audit;
        this.automation = automation;
        this.runner = runner;
        this.job = job;
        this.users = users;
        this.clock = clock;
    }

    @RolesAllowed(Role.Names.ADMIN)
    @Transactional(readOnly = true)
    public List<AutomationRule> rules() {
        return automation.rules();
    }

    /** Switches a rule on or off and sets its threshold; a threshold below 1 or absent where needed is refused. */
    @RolesAllowed(Role.Names.ADMIN)
    @Transactional
    public AutomationRule update(RuleCode code, RuleChange change) {
        Checks.start().rule(change != null, "rule", "validation.required").orThrow();
        boolean needsThreshold = code.unit() != RuleCode.Unit.NONE;
        Integer threshold = needsThreshold ? change.threshold() : null;
        Checks.start()
                .rule(!needsThreshold || threshold != null, "threshold", "validation.required")
                .rule(threshold == null || (threshold >= 1 && threshold <= MAX_THRESHOLD), "threshold",
                        "validation.automation.threshold", 1, MAX_THRESHOLD)
                .orThrow();
        if (!automation.update(code, change.version(), change.enabled(), threshold, OffsetDateTime.now(clock),
                users.current().id())) {
            throw new StaleVersionException("automation rule", code.name());
        }
        audit.record("settings.automation", "rule", code.name(), (change.enabled() ? "on" : "off")
                + (threshold == null ? "" : ", threshold " + threshold));
        return automation.rules().stream().filter(r -> r.code() == code).findFirst()
                .orElseThrow(() -> new NotFoundException("automation rule", code.name()));
    }

    /** Runs every enabled rule now — the 'run now' button — and answers what each fired. */
    @RolesAllowed(Role.Names.ADMIN)
    public AutomationRun runNow() {
        return runner.runAll("MANUAL", users.current().id());
    }

    @RolesAllowed(Role.Names.ADMIN)
    @Transactional(readOnly = true)
    public Optional<AutomationRun> lastRun() {
        return automation.lastRun();
    }

    @RolesAllowed(Role.Names.ADMIN)
    public Schedule schedule() {
        return job.schedule();
    }
}
