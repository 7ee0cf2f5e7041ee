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
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.Stage;
import dev.funnel.platform.Checks;
import dev.funnel.platform.ui.FieldErrors;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The opportunity form in a dialog: collects input and fires {@link SaveEvent}; the view asks the services, and
 * their refusals (the stage gate among them) come back through {@link #errors()} next to the fields. A new deal
 * starts in the first stage; an existing one can be moved, closed or reopened from here.
 */
public class OpportunityForm extends Dialog {

    final TextField name = new TextField();
    final ComboBox<Customer> customer = new ComboBox<>();
    final ComboBox<UserSummary> owner = new ComboBox<>();
    final ComboBox<Contact> contact = new ComboBox<>();
    final ComboBox<UserSummary> presales = new ComboBox<>();
    final Select<Pipeline> pipeline = new Select<>();
    final Select<Stage> stage = new Select<>();
    final BigDecimalField amount = new BigDecimalField();
    final ComboBox<String> currency = new ComboBox<>();
    final DatePicker expectedClose = new DatePicker();
    final ComboBox<String> leadSource = new ComboBox<>();
    final Select<String> grade = new Select<>();
    final TextField nextStep = new TextField();
    final Select<OpportunityStatus> status = new Select<>();
    final BigDecimalField actualAmount = new BigDecimalField();
    final DatePicker actualCloseDate = new DatePicker();
    final Select<String> lostReason = new Select<>();
    final TextField lostComment = new TextField();
    private final FieldErrors errors = new FieldErrors(this);
    /** The binder only checks: the values are read from the fields, so no bean is bound. */
    private final Binder<Object> binder = new Binder<>();
    private Opportunity editing;

    public OpportunityForm(Opportunity editing, DataProvider<Customer, String> customers,
                           Function<Long, List<Contact>> contactsOf, List<UserSummary> owners,
                           List<Pipeline> pipelines, List<Choice> leadSources, List<Choice> lostReasons) {
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
        pipeline.addValueChangeListener(e -> stage.setItems(e.getValue() == null ? List.of() : e.getValue().stages()));
        stage.setItemLabelGenerator(s -> s.name(getLocale()) + " · " + s.probability() + "%");
        currency.setItems(Checks.CURRENCIES);
        choices(leadSource, leadSources);
        grade.setItems("A", "B", "C");
        grade.setEmptySelectionAllowed(true);
        status.setItems(OpportunityStatus.values());
        status.setItemLabelGenerator(s -> getTranslation("status." + s.name().toLowerCase()));
        status.addValueChangeListener(e -> showOutcomeFields(e.getValue()));
        Map<String, String> reasonLabels = labels(lostReasons);
        lostReason.setItems(lostReasons.stream().map(Choice::code).toList());
        lostReason.setItemLabelGenerator(code -> reasonLabels.getOrDefault(code, code));
        add(new FormLayout(name, customer, contact, owner, presales, pipeline, stage, amount, currency, expectedClose, leadSource, grade,
                nextStep, status, actualAmount, actualCloseDate, lostReason, lostComment));
        errors.bind("name", name).bind("customerId", customer).bind("contactId", contact).bind("presalesId", presales)
                .bind("ownerId", owner).bind("pipelineId", pipeline)
                .bind("stageId", stage).bind("amount", amount).bind("currency", currency)
                .bind("expectedCloseDate", expectedClose).bind("leadSource", leadSource).bind("grade", grade)
                .bind("nextStep", nextStep).bind("status", status).bind("actualAmount", actualAmount)
                .bind("actualCloseDate", actualCloseDate).bind("lostReason", lostReason);
        fill(owners, pipelines);

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
        binder.forField(actualAmount)
                .withValidator(a -> status.getValue() != OpportunityStatus.WON || a != null, required)
                .bind(ignored -> null, (ignored, value) -> { });
        binder.forField(actualCloseDate)
                .withValidator(d -> status.getValue() != OpportunityStatus.WON || d != null, required)
                .bind(ignored -> null, (ignored, value) -> { });
        binder.forField(lostReason)
                .withValidator(r -> status.getValue() != OpportunityStatus.LOST || r != null, required)
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
        stage.setLabel(getTranslation("opportunity.stage"));
        amount.setLabel(getTranslation("opportunity.amount"));
        currency.setLabel(getTranslation("opportunity.currency"));
        expectedClose.setLabel(getTranslation("opportunity.expected-close"));
        leadSource.setLabel(getTranslation("opportunity.lead-source"));
        grade.setLabel(getTranslation("opportunity.grade"));
        nextStep.setLabel(getTranslation("opportunity.next-step"));
        status.setLabel(getTranslation("opportunity.status"));
        actualAmount.setLabel(getTranslation("opportunity.actual-amount"));
        actualCloseDate.setLabel(getTranslation("opportunity.actual-close-date"));
        lostReason.setLabel(getTranslation("opportunity.lost-reason"));
        lostComment.setLabel(getTranslation("opportunity.lost-comment"));
    }

    private void fill(List<UserSummary> owners, List<Pipeline> pipelines) {
        if (editing == null) {
            pipelines.stream().findFirst().ifPresent(pipeline::setValue);
            currency.setValue("CNY");
            stage.setVisible(false);
            status.setVisible(false);
            showOutcomeFields(OpportunityStatus.OPEN);
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
        stage.getListDataView().getItems().filter(s -> s.id() == o.stageId()).findFirst().ifPresent(stage::setValue);
        amount.setValue(o.amount());
        currency.setValue(o.currency());
        expectedClose.setValue(o.expectedCloseDate());
        if (o.leadSource() != null) {
            leadSource.setValue(o.leadSource());
        }
        grade.setValue(o.grade());
        nextStep.setValue(o.nextStep() == null ? "" : o.nextStep());
        status.setValue(o.status());
        actualAmount.setValue(o.actualAmount() == null ? o.amount() : o.actualAmount());
        actualCloseDate.setValue(o.actualCloseDate());
        lostReason.setValue(o.lostReason());
        lostComment.setValue(o.lostComment() == null ? "" : o.lostComment());
    }

    private void showOutcomeFields(OpportunityStatus chosen) {
        actualAmount.setVisible(chosen == OpportunityStatus.WON);
        actualCloseDate.setVisible(chosen == OpportunityStatus.WON);
        lostReason.setVisible(chosen == OpportunityStatus.LOST);
        lostComment.setVisible(chosen == OpportunityStatus.LOST);
        stage.setReadOnly(chosen != OpportunityStatus.OPEN);
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
