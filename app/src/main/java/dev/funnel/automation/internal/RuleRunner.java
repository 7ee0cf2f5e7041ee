package dev.funnel.automation.internal;

import dev.funnel.automation.AutomationRule;
import dev.funnel.automation.AutomationRun;
import dev.funnel.automation.RuleCode;
import dev.funnel.notification.NewNotification;
import dev.funnel.notification.NotificationService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every enabled rule, each in its own transaction together with its firings and notifications: a run that
 * dies half-way keeps the rules it finished, and the next run (or the scheduler's retry) does the rest without
 * repeating any reminder, because a firing and its notification commit or roll back together.
 */
@Component
public class RuleRunner {

    private static final Logger log = LoggerFactory.getLogger(RuleRunner.class);
    /** More reminders of one rule than this in one run become one summary. */
    static final int HANDFUL = 5;
    /** How many subjects a summary names. */
    private static final int NAMED = 3;

    private final AutomationRepository automation;
    private final RuleStatements statements;
    private final NotificationService notifications;
    private final TransactionTemplate transaction;
    private final Clock clock;

    private final io.micrometer.core.instrument.MeterRegistry meters;

    RuleRunner(AutomationRepository automation, RuleStatements statements, NotificationService notifications,
               TransactionTemplate transaction, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        this.automation = automation;
        this.statements = statements;
        this.notifications = notifications;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * @param trigger {@code SCHEDULE} or {@code MANUAL}
     * @param actorId who asked, or null for the schedule
     */
    public AutomationRun runAll(String trigger, Long actorId) {
        long runId = transaction.execute(status -> automation.startRun(trigger, OffsetDateTime.now(clock), actorId));
        String failure = null;
        try {
            for (AutomationRule rule : automation.rules()) {
                if (rule.enabled()) {
                    transaction.executeWithoutResult(status -> fire(runId, rule));
                }
            }
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.error("Automation run {} failed; the next run picks up what it left", runId, e);
            throw e;
        } finally {
            String why = failure;
            transaction.executeWithoutResult(status -> automation.finishRun(runId, OffsetDateTime.now(clock), why));
            meters.counter("funnel.automation.runs", "trigger", trigger.toLowerCase(java.util.Locale.ROOT),
                    "outcome", why == null ? "completed" : "failed").increment();
        }
        return automation.run(runId).orElseThrow();
    }

    private void fire(long runId, AutomationRule rule) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = now.atZoneSameInstant(clock.getZone()).toLocalDate();
        List<RuleStatements.Fired> fired = statements.fire(rule.code(), rule.threshold(), now, today);
        notifications.notifyAll(reminders(rule.code(), fired));
        automation.recordRule(runId, rule.code(), fired.size());
        meters.counter("funnel.automation.reminders", "rule", rule.code().name().toLowerCase(java.util.Locale.ROOT))
                .increment(fired.size());
    }

    /**
     * One reminder per firing, except that a person whom one run of a rule would remind of more than a handful
     * of things gets one summary instead, naming the first few and leading to the list of all: 69 separate
     * reminders on a first run are noise nobody reads. Every firing is still recorded, so none repeats.
     */
    static List<NewNotification> reminders(RuleCode code, List<RuleStatements.Fired> fired) {
        Map<Long, List<RuleStatements.Fired>> byRecipient = fired.stream().collect(
                Collectors.groupingBy(RuleStatements.Fired::recipientId, LinkedHashMap::new, Collectors.toList()));
        List<NewNotification> reminders = new ArrayList<>();
        byRecipient.forEach((recipientId, theirs) -> {
            if (theirs.size() <= HANDFUL) {
                theirs.forEach(f -> reminders.add(new NewNotification(recipientId, code.messageKey(), f.arguments(),
                        f.link())));
            } else {
                List<String> arguments = new ArrayList<>();
                arguments.add(Integer.toString(theirs.size()));
                theirs.stream().limit(NAMED).forEach(f -> arguments.add(f.arguments().get(code.subjectArgument())));
                arguments.add(Integer.toString(theirs.size() - NAMED));
                reminders.add(new NewNotification(recipientId, code.summaryKey(), arguments, code.listLink()));
            }
        });
        return reminders;
    }
}
