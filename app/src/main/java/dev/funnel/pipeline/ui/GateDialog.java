package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextArea;
import dev.funnel.pipeline.MissingItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What a refused move lacks, item by item. Checklist items can be confirmed right here; fields and tasks are
 * listed to be done on the opportunity. A manager may instead override with a written reason.
 */
class GateDialog extends Dialog {

    private final Map<Long, Checkbox> confirmations = new LinkedHashMap<>();
    private final TextArea reason = new TextArea();

    /**
     * @param retry called with the checklist items the user confirmed and the override reason (or null)
     */
    GateDialog(String stageName, List<MissingItem> missing, boolean mayOverride,
               BiConsumer<List<Long>, String> retry) {
        setHeaderTitle(getTranslation("gate.title", stageName));
        add(new Paragraph(getTranslation("gate.intro")));
        UnorderedList others = new UnorderedList();
        for (MissingItem item : missing) {
            if (item.kind() == MissingItem.Kind.CHECKLIST) {
                Checkbox box = new Checkbox(item.text(getLocale()));
                confirmations.put(item.criterionId(), box);
                add(box);
            } else {
                others.add(new ListItem(getTranslation("gate.kind." + item.kind().name()) + ": " + item.text(getLocale())));
            }
        }
        if (others.getChildren().findAny().isPresent()) {
            add(others);
        }
        reason.setLabel(getTranslation("gate.override-reason"));
        reason.setWidthFull();
        reason.setVisible(mayOverride);
        add(reason);
        Button confirm = new Button(getTranslation("gate.confirm-and-move"), e -> retry.accept(checked(), null));
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setEnabled(!confirmations.isEmpty());
        Button override = new Button(getTranslation("gate.override"), e -> retry.accept(checked(), reason.getValue()));
        override.addThemeVariants(ButtonVariant.LUMO_ERROR);
        override.setVisible(mayOverride);
        getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), override, confirm);
    }

    private List<Long> checked() {
        return confirmations.entrySet().stream().filter(e -> e.getValue().getValue()).map(Map.Entry::getKey).toList();
    }
}
