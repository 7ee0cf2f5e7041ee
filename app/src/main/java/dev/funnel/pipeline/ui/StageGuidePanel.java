package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.funnel.pipeline.CriterionStatus;
import dev.funnel.pipeline.StageGuide;
import dev.funnel.pipeline.Task;
import dev.funnel.platform.Formats;
import java.util.function.Consumer;

/**
 * The stage guide: the current stage's exit criteria as a checklist (who confirmed, when), its tasks with their
 * due dates, and 'Advance to …', disabled with the list of what is missing until the gate is met.
 */
class StageGuidePanel extends VerticalLayout {

    /** What the user asked for on the panel. */
    interface Actions {
        void confirm(long criterionId, boolean confirmed);

        void complete(Task task);

        void advance();

        void override();
    }

    StageGuidePanel(StageGuide guide, boolean open, boolean mayOverride, Actions actions) {
        addClassName("funnel-guide");
        setPadding(false);
        add(new H3(getTranslation("guide.criteria", guide.stage().name(getLocale()))));
        for (CriterionStatus status : guide.criteria()) {
            Checkbox box = new Checkbox(status.criterion().text(getLocale()), status.met());
            box.setReadOnly(!open || !status.criterion().isChecklistItem());
            box.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    actions.confirm(status.criterion().id(), e.getValue());
                }
            });
            add(box);
            if (status.confirmedAt() != null) {
                Span who = new Span(getTranslation("guide.confirmed-by", status.confirmedByName(),
                        Formats.dateTime(status.confirmedAt(), java.time.ZoneId.systemDefault(), getLocale())));
                who.addClassName("funnel-guide-note");
                add(who);
            }
        }
        add(new H3(getTranslation("guide.tasks")));
        guide.tasks().stream().filter(t -> t.status() != Task.Status.CANCELLED
                        && t.stageId() != null && t.stageId() == guide.stage().id())
                .forEach(task -> add(taskLine(task, actions)));
        if (guide.nextStage() != null && open) {
            Button advance = new Button(getTranslation("guide.advance", guide.nextStage().name(getLocale())),
                    e -> actions.advance());
            advance.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            advance.setEnabled(guide.missingForNext().isEmpty());
            add(advance);
            guide.missingForNext().forEach(m -> {
                Span missing = new Span("• " + m.text(getLocale()));
                missing.addClassName("funnel-guide-missing");
                add(missing);
            });
            if (mayOverride && !guide.missingForNext().isEmpty()) {
                Button override = new Button(getTranslation("gate.override-ellipsis"), e -> actions.override());
                override.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                add(override);
            }
        }
    }

    private Checkbox taskLine(Task task, Actions actions) {
        String label = task.title(getLocale()) + " · " + Formats.date(task.dueDate(), getLocale())
                + (task.required() ? " · " + getTranslation("task.required") : "") + " · " + task.assigneeName();
        Checkbox done = new Checkbox(label, task.status() == Task.Status.DONE);
        done.setReadOnly(task.status() != Task.Status.OPEN);
        done.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue()) {
                actions.complete(task);
            }
        });
        return done;
    }
}
