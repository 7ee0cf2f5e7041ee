package dev.funnel.platform.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;

/** A form in a dialog: Cancel, and a primary Save (also Enter) that closes the dialog only when the save worked. */
public final class FormDialogs {

    private FormDialogs() {
    }

    /**
     * @param errors where the service's refusals are shown, field by field
     * @param save the service call
     * @param saved what to do after a successful save, for example refresh a grid
     */
    public static Dialog open(String title, Component form, FieldErrors errors, Runnable save, Runnable saved) {
        return open(title, form, errors, null, save, saved);
    }

    /**
     * The same with the primary button saying what it does ('Approve', 'Reject') instead of Save.
     *
     * @param saveLabel the primary button's text; Save when null
     */
    public static Dialog open(String title, Component form, FieldErrors errors, String saveLabel, Runnable save,
                              Runnable saved) {
        Dialog dialog = new Dialog(title);
        dialog.add(form);
        Button saveButton = new Button(saveLabel == null ? dialog.getTranslation("action.save") : saveLabel, e -> {
            if (errors.attempt(save)) {
                dialog.close();
                saved.run();
            }
        });
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveButton.addClickShortcut(Key.ENTER);
        dialog.getFooter().add(new Button(dialog.getTranslation("action.cancel"), e -> dialog.close()), saveButton);
        dialog.open();
        return dialog;
    }
}
