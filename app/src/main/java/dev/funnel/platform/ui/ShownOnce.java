package dev.funnel.platform.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;

/**
 * A secret shown once, because only its hash is kept (an API token, a calendar address): read-only, with a copy
 * button, a warning that it will not be shown again, and how to use it. It closes only by its button, so that it
 * is not lost by a click beside it.
 */
public final class ShownOnce {

    private ShownOnce() {
    }

    /**
     * @param id     the dialog's id; the field's is {@code id} without a trailing {@code -dialog}
     * @param usage  how to use the value, shown below it
     */
    public static Dialog open(Component owner, String id, String title, String value, String warning,
                              String usage) {
        Dialog dialog = new Dialog(title);
        dialog.setId(id);
        TextField field = new TextField();
        field.setId(id.replaceFirst("-dialog$", ""));
        field.setValue(value);
        field.setReadOnly(true);
        field.setWidthFull();
        field.getElement().setAttribute("aria-label", title);
        Paragraph warned = new Paragraph(warning);
        warned.addClassName("funnel-note");
        Paragraph used = new Paragraph(usage);
        used.addClassName("funnel-fact");
        Button copy = new Button(owner.getTranslation("tokens.secret.copy"), VaadinIcon.COPY.create(), e -> {
            field.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", value);
            e.getSource().setText(owner.getTranslation("tokens.secret.copied"));
        });
        VerticalLayout body = new VerticalLayout(warned, field, copy, used);
        body.setPadding(false);
        body.setMaxWidth("36rem");
        dialog.add(body);
        Button done = new Button(owner.getTranslation("tokens.secret.done"), e -> dialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.setCloseOnOutsideClick(false);
        dialog.open();
        return dialog;
    }
}
