package dev.funnel.automation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.automation.AutomationRule;
import dev.funnel.automation.AutomationRun;
import dev.funnel.automation.AutomationService;
import dev.funnel.automation.RuleChange;
import dev.funnel.automation.RuleCode;
import dev.funnel.automation.Schedule;
import dev.funnel.identity.Role;
import dev.funnel.notification.MailStatus;
import dev.funnel.notification.NotificationService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * Admin &gt; Automation: each rule with its switch and threshold, the schedule the rules run on, the last run
 * with what each rule fired, and a button that runs them now.
 */
@Route("admin/automation")
@RolesAllowed(Role.Names.ADMIN)
public class AutomationView extends VerticalLayout implements HasDynamicTitle {

    private final AutomationService automation;
    private final VerticalLayout rules = new VerticalLayout();
    private final Span schedule = new Span();
    private final Span nextRun = new Span();
    private final VerticalLayout lastRun = new VerticalLayout();

    private final NotificationService notifications;
    private final VerticalLayout mail = new VerticalLayout();

    public AutomationView(AutomationService automation, NotificationService notifications) {
        this.automation = automation;
        this.notifications = notifications;
        setSizeFull();
        H2 title = new H2(getTranslation("automation.title"));
        title.addClassName("funnel-view-title");
        Button runNow = new Button(getTranslation("automation.run-now"), e -> runNow());
        runNow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        runNow.setId("automation-run-now");
        add(new HorizontalLayout(title, runNow));

        rules.setPadding(false);
        rules.setSpacing(false);
        rules.setId("automation-rules");
        add(rules);

        schedule.setId("automation-schedule");
        nextRun.setId("automation-next-run");
        lastRun.setPadding(false);
        lastRun.setId("automation-last-run");
        mail.setPadding(false);
        mail.setId("automation-mail");
        add(new H3(getTranslation("automation.schedule")), schedule, nextRun,
                new H3(getTranslation("automation.last-run")), lastRun,
                new H3(getTranslation("automation.mail")), mail);
        refresh();
    }

    /** The rule's name, switch, threshold with its unit, and a save button: one row is one edit. */
    private HorizontalLayout editor(AutomationRule rule) {
        Span name = new Span(getTranslation(rule.code().labelKey()));
        name.setWidth("24em");
        Checkbox enabled = new Checkbox(getTranslation("automation.enabled"), rule.enabled());
        IntegerField threshold = new IntegerField();
        threshold.setValue(rule.threshold());
        threshold.setMin(1);
        threshold.setStepButtonsVisible(true);
        threshold.setWidth("9em");
        threshold.setVisible(rule.code().unit() != RuleCode.Unit.NONE);
        threshold.setSuffixComponent(new Span(getTranslation(unitKey(rule.code()))));
        Span fixed = new Span(rule.code().unit() == RuleCode.Unit.NONE ? getTranslation(unitKey(rule.code())) : "");
        FieldErrors errors = new FieldErrors(this).bind("threshold", threshold);
        Button save = new Button(getTranslation("automation.save"), e -> {
            if (errors.attempt(() -> automation.update(rule.code(), new RuleChange(enabled.getValue(),
                    threshold.getValue(), rule.version())))) {
                Notification.show(getTranslation("automation.saved"));
                refresh();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_SMALL);
        String id = "rule-" + rule.code().name().toLowerCase(java.util.Locale.ROOT);
        enabled.setId(id + "-enabled");
        threshold.setId(id + "-threshold");
        save.setId(id + "-save");
        HorizontalLayout row = new HorizontalLayout(name, enabled, threshold, fixed, save);
        row.setAlignItems(Alignment.BASELINE);
        return row;
    }

    private static String unitKey(RuleCode code) {
        return switch (code) {
            case STALLED_DEAL -> "automation.unit.none";
            case CLOSE_DATE_PASSED -> "automation.unit.none.close";
            case TASK_OVERDUE -> "automation.unit.none.task";
            case STALLED_DEAL_ESCALATION -> "automation.unit.days.after-limit";
            case TASK_OVERDUE_ESCALATION -> "automation.unit.days.after-due";
            case NO_FOLLOW_UP -> "automation.unit.days";
            case REGISTRATION_WAITING -> "automation.unit.hours";
        };
    }

    private void runNow() {
        AutomationRun run = automation.runNow();
        Notification.show(getTranslation("automation.ran", run.total()));
        refresh();
    }

    private void refresh() {
        rules.removeAll();
        automation.rules().forEach(rule -> rules.add(editor(rule)));
        Schedule plan = automation.schedule();
        ZoneId zone = ZoneId.systemDefault();
        schedule.setText("-".equals(plan.cron().trim()) ? getTranslation("automation.schedule.off")
                : getTranslation("automation.schedule.cron", plan.cron()));
        nextRun.setText(plan.nextRun().map(at -> getTranslation("automation.schedule.next",
                Formats.dateTime(at.atZone(zone).toOffsetDateTime(), zone, getLocale())))
                .orElse(getTranslation("automation.schedule.none")));
        showMail(notifications.mailStatus());
        lastRun.removeAll();
        automation.lastRun().ifPresentOrElse(run -> {
            lastRun.add(new Span(getTranslation("automation.last-run.summary",
                    Formats.dateTime(run.startedAt(), zone, getLocale()),
                    getTranslation("automation.trigger." + run.trigger().toLowerCase(java.util.Locale.ROOT)),
                    run.total())));
            if (run.failure() != null) {
                Span failed = new Span(getTranslation("automation.last-run.failed", run.failure()));
                failed.addClassName("funnel-error-text");
                lastRun.add(failed);
            }
            Grid<RuleCode> fired = new Grid<>();
            fired.addColumn(code -> getTranslation(code.labelKey())).setHeader(getTranslation("automation.rule"))
                    .setFlexGrow(3);
            fired.addColumn(code -> run.fired().getOrDefault(code, 0))
                    .setHeader(getTranslation("automation.last-run.fired"));
            List<RuleCode> ran = Arrays.stream(RuleCode.values()).filter(run.fired()::containsKey).toList();
            fired.setItems(ran);
            fired.setAllRowsVisible(true);
            fired.addThemeVariants(GridVariant.LUMO_COMPACT);
            fired.setId("automation-last-run-rules");
            lastRun.add(fired);
        }, () -> lastRun.add(new Span(getTranslation("automation.last-run.none"))));
    }

    private void showMail(MailStatus status) {
        mail.removeAll();
        if (!status.enabled()) {
            mail.add(new Span(status.problem() == null ? getTranslation("automation.mail.off")
                    : getTranslation("automation.mail.problem", status.problem())));
            return;
        }
        mail.add(new Span(getTranslation("automation.mail.on", status.server(), status.waiting(), status.sent(),
                status.failed())));
        if (status.lastError() != null) {
            Span error = new Span(getTranslation("automation.mail.last-error", status.lastError()));
            error.addClassName("funnel-error-text");
            mail.add(error);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("automation.title") + " · " + getTranslation("app.name");
    }
}
