package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import dev.funnel.pipeline.MissingItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the stage gate still needs before a deal may move on (or be won), item by item, and a way to settle each
 * one here: a checklist item is confirmed by ticking it, an open task completed by ticking it, an empty field is
 * filled in on the form one click away. The primary button is enabled only when what remains is settled, so it
 * never fails for a reason the dialog already knows; a manager may instead override with a written reason.
 */
class GateDialog extends Dialog {

    /** What the user settled in the dialog: checklist items to confirm, tasks to complete, an override reason. */
    record Decision(List<Long> criteria, List<Long> tasks, String overrideReason) {

        boolean overriding() {
            return overrideReason != null && !overrideReason.isBlank();
        }
    }

    private final Map<Long, Checkbox> criteria = new LinkedHashMap<>();
    private final Map<Long, Checkbox> tasks = new LinkedHashMap<>();
    private final TextArea reason = new TextArea();
    private final Button proceed;
    private final Button override = new Button();
    private boolean unsettleable;

    /**
     * @param fields inputs the action needs besides the gate (the won amount and date), shown first; may be empty
     * @param proceedLabel the primary button, e.g. 'Confirm and move' or 'Close as won'
     * @param editFields opens the opportunity form for a missing field; null where the form cannot be opened
     */
    GateDialog(String title, List<MissingItem> missing, boolean mayOverride, List<Component> fields,
               String proceedLabel, Consumer<Decision> action, Runnable editFields) {
        setHeaderTitle(title);
        addClassName("funnel-gate-dialog");
        fields.forEach(this::add);
        if (!missing.isEmpty()) {
            add(new Paragraph(getTranslation("gate.intro")));
        }
        for (MissingItem item : missing) {
            add(line(item, editFields));
        }
        proceed = new Button(proceedLabel, e -> action.accept(new Decision(checked(criteria), checked(tasks), null)));
        proceed.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        reason.setLabel(getTranslation("gate.override-reason"));
        reason.setWidthFull();
        reason.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
        reason.addValueChangeListener(e -> settle());
        override.setText(getTranslation("gate.override"));
        override.addThemeVariants(ButtonVariant.LUMO_ERROR);
        override.addClickListener(e -> action.accept(new Decision(checked(criteria), checked(tasks),
                reason.getValue())));
        boolean offerOverride = mayOverride && !missing.isEmpty();
        reason.setVisible(offerOverride);
        override.setVisible(offerOverride);
        add(reason);
        getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), override, proceed);
        settle();
    }

    private Component line(MissingItem item, Runnable editFields) {
        String text = item.text(getLocale());
        if (item.kind() == MissingItem.Kind.CHECKLIST && item.criterionId() != null) {
            return box(criteria, item.criterionId(), getTranslation("gate.kind.CHECKLIST") + ": " + text);
        }
        if (item.kind() == MissingItem.Kind.TASK && item.taskId() != null) {
            return box(tasks, item.taskId(), getTranslation("gate.kind.TASK") + ": " + text);
        }
        // a field to fill, or a required activity whose task is gone: not settled by a tick
        unsettleable = true;
        Span label = new Span(getTranslation("gate.kind." + item.kind().name()) + ": " + text);
        label.addClassName("funnel-guide-missing");
        HorizontalLayout row = new HorizontalLayout(label);
        row.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        if (item.kind() == MissingItem.Kind.FIELD && editFields != null) {
            Button fill = new Button(getTranslation("gate.fill-in"), e -> {
                close();
                editFields.run();
            });
            fill.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            row.add(fill);
        }
        return row;
    }

    private Checkbox box(Map<Long, Checkbox> into, long id, String label) {
        Checkbox box = new Checkbox(label);
        box.addValueChangeListener(e -> settle());
        into.put(id, box);
        return box;
    }

    /** Enables the buttons for what can succeed now, and says why the primary one cannot yet. */
    private void settle() {
        boolean allTicked = criteria.values().stream().allMatch(Checkbox::getValue)
                && tasks.values().stream().allMatch(Checkbox::getValue);
        proceed.setEnabled(allTicked && !unsettleable);
        proceed.setTooltipText(unsettleable ? getTranslation("gate.needs-more") : allTicked ? null
                : getTranslation("gate.tick-all"));
        override.setEnabled(!reason.getValue().isBlank());
    }

    private static List<Long> checked(Map<Long, Checkbox> boxes) {
        List<Long> ids = new ArrayList<>();
        boxes.forEach((id, box) -> {
            if (box.getValue()) {
                ids.add(id);
            }
        });
        return ids;
    }
}
