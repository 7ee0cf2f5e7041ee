package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.shared.Registration;
import dev.funnel.customer.Contact;
import dev.funnel.customer.Customer;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Choice;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.platform.ui.FieldErrors;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The opportunity form in a dialog: collects input and fires {@link SaveEvent}; the view asks the services, and
 * their refusals (the stage gate among them) come back through {@link #errors()} next to the fields. A new deal
 * starts in the first stage; the stage and the outcome change through the gate, never in this form.
 */
public class OpportunityForm extends Dialog {

    final TextField name = new TextField();
    final ComboBox<Customer> customer = new ComboBox<>();
    final ComboBox<UserSummary> owner = new ComboBox<>();
    final ComboBox<Contact> contact = new ComboBox<>();
    final ComboBox<UserSummary> presales = new ComboBox<>();
    final Select<Pipeline> pipeline = new Select<>();
    final BigDecimalField amount = new BigDecimalField();
    final ComboBox<String> currency = new ComboBox<>();
    final DatePicker expectedClose = new DatePicker();
    final ComboBox<String> leadSource = new ComboBox<>();
    final Select<String> grade = new Select<>();
    final TextField nextStep = new TextField();
    private final FieldErrors errors = new FieldErrors(this);
    /** The binder only checks: the values are read from the fields, so no bean is bound. */
    private final Binder<Object> binder = new Binder<>();
    private Opportunity editing;

    /** The grade is a scorer's (docs/scoring.md): shown, not edited. */
    void gradeFollowsScorer() {
        grade.setReadOnly(true);
        grade.setHelperText(getTranslation("opportunity.grade.from-scorer"));
    }

    public OpportunityForm(Opportunity editing, DataProvider<Customer, String> customers,
                           Function<Long, List<Contact>> contactsOf, List<UserSummary> owners,
                           List<Pipeline> pipelines, List<Choice> leadSources, List<String> currencies) {
        this.editing = editing;
        setHeaderTitle(getTranslation(editing == null ? "opportunity.new" : "opportunity.edit"));
        label();
        customer.setItems(customers);
        customer.setItemLabelGenerator(Customer::name);
        owner.setItems(owners);
        owner.setItemLabelGenerator(UserSummary::fullName);
        presales.setItems(owners);
        presales.setItemLabelGenerator(UserSummary::fullName);
        presales.setClearButtonVisible(true);
        contact.setItemLabelGenerator(c -> c.title() == null ? c.name() : c.name() + " · " + c.title());
        contact.setClearButtonVisible(true);
        customer.addValueChangeListener(e -> contact.setItems(e.getValue() == null ? List.of()
                : contactsOf.apply(e.getValue().id())));
        pipeline.setItems(pipelines);
        pipeline.setItemLabelGenerator(Pipeline::name);
        currency.setItems(currencies);
        choices(leadSource, leadSources);
        grade.setItems(OpportunityDraft.GRADES);
        grade.setEmptySelectionAllowed(true);
        add(new FormLayout(name, customer, contact, owner, presales, pipeline, amount, currency, expectedClose,
                leadSource, grade, nextStep));
        errors.bind("name", name).bind("customerId", customer).bind("contactId", contact).bind("presalesId", presales)
                .bind("ownerId", owner).bind("pipelineId", pipeline)
                .bind("amount", amount).bind("currency", currency)
                .bind("expectedCloseDate", expectedClose).bind("leadSource", leadSource).bind("grade", grade)
                .bind("nextStep", nextStep);
        fill(owners, pipelines, currencies.get(0));

        bindChecks();
        Button save = new Button(getTranslation("action.save"), e -> {
            // the form's own checks answer at once; the services' rules remain the final word
            if (binder.validate().isOk()) {
                fireEvent(new SaveEvent(this));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), save);
    }

    /** What the form can tell before asking the server: required fields and signs of amounts. */
    private void bindChecks() {
        String required = getTranslation("validation.required");
        binder.forField(name).asRequired(required).bind(ignored -> null, (ignored, value) -> { });
        binder.forField(customer).asRequired(required).bind(ignored -> null, (ignored, value) -> { });
        binder.forField(amount)
                .withValidator(a -> a == null || a.signum() >= 0, getTranslation("validation.amount.negative"))
                .bind(ignored -> null, (ignored, value) -> { });
    }

    private void label() {
        name.setLabel(getTranslation("opportunity.name"));
        name.setRequiredIndicatorVisible(true);
        customer.setLabel(getTranslation("opportunity.customer"));
        customer.setRequiredIndicatorVisible(true);
        owner.setLabel(getTranslation("opportunity.owner"));
        contact.setLabel(getTranslation("opportunity.contact"));
        presales.setLabel(getTranslation("opportunity.presales"));
        pipeline.setLabel(getTranslation("opportunity.pipeline"));
        amount.setLabel(getTranslation("opportunity.amount"));
        currency.setLabel(getTranslation("opportunity.currency"));
        expectedClose.setLabel(getTranslation("opportunity.expected-close"));
        leadSource.setLabel(getTranslation("opportunity.lead-source"));
        grade.setLabel(getTranslation("opportunity.grade"));
        nextStep.setLabel(getTranslation("opportunity.next-step"));
    }

    private void fill(List<UserSummary> owners, List<Pipeline> pipelines, String companyCurrency) {
        if (editing == null) {
            pipelines.stream().findFirst().ifPresent(pipeline::setValue);
            currency.setValue(companyCurrency);
            return;
        }
        Opportunity o = editing;
        name.setValue(o.name());
        if (o.customerId() != null) {
            customer.setValue(Customer.reference(o.customerId(), o.customerName()));
            // an imported deal may have come without its account: then the customer can still be set here
            customer.setReadOnly(true);
        }
        owners.stream().filter(u -> u.id() == o.ownerId()).findFirst().ifPresent(owner::setValue);
        owners.stream().filter(u -> o.presalesId() != null && u.id() == o.presalesId()).findFirst()
                .ifPresent(presales::setValue);
        contact.getListDataView().getItems().filter(c -> o.contactId() != null && c.id() == o.contactId()).findFirst()
                .ifPresent(contact::setValue);
        pipelines.stream().filter(p -> p.id() == o.pipelineId()).findFirst().ifPresent(pipeline::setValue);
        pipeline.setReadOnly(true);
        amount.setValue(o.amount());
        currency.setValue(o.currency());
        expectedClose.setValue(o.expectedCloseDate());
        if (o.leadSource() != null) {
            leadSource.setValue(o.leadSource());
        }
        grade.setValue(o.grade());
        nextStep.setValue(o.nextStep() == null ? "" : o.nextStep());
    }

    private void choices(ComboBox<String> box, List<Choice> choices) {
        Map<String, String> labels = labels(choices);
        box.setItems(choices.stream().map(Choice::code).toList());
        // a source typed in by hand, or one removed from the list, is shown as it is stored
        box.setItemLabelGenerator(code -> labels.getOrDefault(code, code));
    }

    private Map<String, String> labels(List<Choice> choices) {
        return choices.stream().collect(Collectors.toMap(Choice::code, c -> c.label(getLocale()), (a, b) -> a));
    }

    /** The editable fields; the stage and the status stay as they are (moves and closes are separate calls). */
    public OpportunityDraft draft() {
        return new OpportunityDraft(name.getValue(), customer.getValue() == null ? null : customer.getValue().id(),
                contact.getValue() == null ? null : contact.getValue().id(),
                owner.getValue() == null ? null : owner.getValue().id(),
                pipeline.getValue() == null ? null : pipeline.getValue().id(), null, amount.getValue(),
                currency.getValue(), expectedClose.getValue(), leadSource.getValue(), null, null, grade.getValue(),
                nextStep.getValue(), presales.getValue() == null ? null : presales.getValue().id());
    }

    public Opportunity editing() {
        return editing;
    }

    /** After a partial save (fields saved, move refused) the form continues from the saved version. */
    public void editing(Opportunity saved) {
        this.editing = saved;
    }

    public FieldErrors errors() {
        return errors;
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    /** The user asked to save. */
    public static class SaveEvent extends ComponentEvent<OpportunityForm> {
        SaveEvent(OpportunityForm source) {
            super(source, false);
        }
    }
}
