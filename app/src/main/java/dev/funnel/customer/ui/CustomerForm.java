package dev.funnel.customer.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerDraft;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.ui.FieldErrors;
import java.util.List;
import java.util.function.Predicate;

/**
 * The customer form in a dialog. It only collects input and fires {@link SaveEvent}; the view asks the service,
 * and the service's refusal comes back through {@link #errors()} next to the fields.
 */
public class CustomerForm extends Dialog {

    final TextField name = new TextField();
    final TextField creditCode = new TextField();
    final TextField industry = new TextField();
    final TextField city = new TextField();
    final TextField phone = new TextField();
    final TextField website = new TextField();
    final TextField address = new TextField();
    final ComboBox<UserSummary> owner = new ComboBox<>();
    final TextArea notes = new TextArea();
    private final FieldErrors errors = new FieldErrors(this);
    private final Customer editing;

    public CustomerForm(Customer editing, List<UserSummary> owners) {
        this.editing = editing;
        setHeaderTitle(getTranslation(editing == null ? "customer.new" : "customer.edit"));
        name.setLabel(getTranslation("customer.name"));
        name.setRequiredIndicatorVisible(true);
        creditCode.setLabel(getTranslation("customer.credit-code"));
        creditCode.setMaxLength(18);
        industry.setLabel(getTranslation("customer.industry"));
        city.setLabel(getTranslation("customer.city"));
        phone.setLabel(getTranslation("customer.phone"));
        website.setLabel(getTranslation("customer.website"));
        address.setLabel(getTranslation("customer.address"));
        owner.setLabel(getTranslation("customer.owner"));
        owner.setItems(owners);
        owner.setItemLabelGenerator(UserSummary::fullName);
        notes.setLabel(getTranslation("customer.notes"));
        FormLayout layout = new FormLayout(name, creditCode, industry, city, phone, website, address, owner, notes);
        layout.setColspan(address, 2);
        layout.setColspan(notes, 2);
        add(layout);
        errors.bind("name", name).bind("creditCode", creditCode).bind("industry", industry).bind("city", city)
                .bind("phone", phone).bind("website", website).bind("address", address).bind("ownerId", owner)
                .bind("notes", notes);
        if (editing != null) {
            fill(editing, owners);
        }

        Button save = new Button(getTranslation("action.save"), e -> fireEvent(new SaveEvent(this)));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Enter saves from any one-line field; in the notes it starts a new line
        save.addClickShortcut(Key.ENTER).listenOn(name, creditCode, industry, city, phone, website, address, owner);
        Button cancel = new Button(getTranslation("action.cancel"), e -> close());
        getFooter().add(cancel, save);
    }

    private void fill(Customer customer, List<UserSummary> owners) {
        name.setValue(customer.name());
        creditCode.setValue(nullToEmpty(customer.creditCode()));
        industry.setValue(nullToEmpty(customer.industry()));
        city.setValue(nullToEmpty(customer.city()));
        phone.setValue(nullToEmpty(customer.phone()));
        website.setValue(nullToEmpty(customer.website()));
        address.setValue(nullToEmpty(customer.address()));
        notes.setValue(nullToEmpty(customer.notes()));
        Predicate<UserSummary> isOwner = u -> customer.ownerId() != null && u.id() == customer.ownerId();
        owners.stream().filter(isOwner).findFirst().ifPresent(owner::setValue);
    }

    public CustomerDraft draft() {
        return new CustomerDraft(name.getValue(), creditCode.getValue(), industry.getValue(), city.getValue(),
                address.getValue(), website.getValue(), phone.getValue(),
                owner.getValue() == null ? null : owner.getValue().id(), notes.getValue());
    }

    public Customer editing() {
        return editing;
    }

    public FieldErrors errors() {
        return errors;
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The user asked to save. */
    public static class SaveEvent extends ComponentEvent<CustomerForm> {
        SaveEvent(CustomerForm source) {
            super(source, false);
        }
    }
}
