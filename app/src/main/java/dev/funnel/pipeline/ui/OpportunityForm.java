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
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.shared.Registration;
import dev.funnel.customer.Customer;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.Stage;
import dev.funnel.platform.Checks;
import dev.funnel.platform.ui.FieldErrors;
import java.util.List;
import java.util.Objects;

/**
 * The opportunity form in a dialog: collects input and fires {@link SaveEvent}; the service's refusal comes
 * back through {@link #errors()} next to the fields.
 */
public class OpportunityForm extends Dialog {

    static final List<String> LEAD_SOURCES = List.of("website", "referral", "exhibition", "partner", "cold-call",
            "advertising");

    final TextField name = new TextField();
    final ComboBox<Customer> customer = new ComboBox<>();
    final ComboBox<UserSummary> owner = new ComboBox<>();
    final Select<Pipeline> pipeline = new Select<>();
    final Select<Stage> stage = new Select<>();
    final BigDecimalField amount = new BigDecimalField();
    final ComboBox<String> currency = new ComboBox<>();
    final DatePicker expectedClose = new DatePicker();
    final ComboBox<String> leadSource = new ComboBox<>();
    final Select<OpportunityStatus> status = new Select<>();
    final TextField lostReason = new TextField();
    private final FieldErrors errors = new FieldErrors(this);
    private final Opportunity editing;

    public OpportunityForm(Opportunity editing, DataProvider<Customer, String> customers, List<UserSummary> owners,
                           List<Pipeline> pipelines) {
        this.editing = editing;
        setHeaderTitle(getTranslation(editing == null ? "opportunity.new" : "opportunity.edit"));
        name.setLabel(getTranslation("opportunity.name"));
        name.setRequiredIndicatorVisible(true);
        customer.setLabel(getTranslation("opportunity.customer"));
        customer.setRequiredIndicatorVisible(true);
        customer.setItems(customers);
        customer.setItemLabelGenerator(Customer::name);
        owner.setLabel(getTranslation("opportunity.owner"));
        owner.setItems(owners);
        owner.setItemLabelGenerator(UserSummary::fullName);
        pipeline.setLabel(getTranslation("opportunity.pipeline"));
        pipeline.setItems(pipelines);
        pipeline.setItemLabelGenerator(Pipeline::name);
        pipeline.addValueChangeListener(e -> stageChoices(e.getValue()));
        stage.setLabel(getTranslation("opportunity.stage"));
        stage.setItemLabelGenerator(s -> s.name(getLocale()) + " · " + s.probability() + "%");
        amount.setLabel(getTranslation("opportunity.amount"));
        currency.setLabel(getTranslation("opportunity.currency"));
        currency.setItems(Checks.CURRENCIES);
        leadSource.setLabel(getTranslation("opportunity.lead-source"));
        leadSource.setItems(LEAD_SOURCES);
        // the usual sources are translated; a source the company added is shown as it was typed
        leadSource.setItemLabelGenerator(s -> LEAD_SOURCES.contains(s) ? getTranslation("lead-source." + s) : s);
        leadSource.setAllowCustomValue(true);
        leadSource.addCustomValueSetListener(e -> leadSource.setValue(e.getDetail()));
        expectedClose.setLabel(getTranslation("opportunity.expected-close"));
        expectedClose.setLocale(getLocale());
        status.setLabel(getTranslation("opportunity.status"));
        status.setItems(OpportunityStatus.values());
        status.setItemLabelGenerator(s -> getTranslation("status." + s.name().toLowerCase()));
        status.addValueChangeListener(e -> lostReason.setVisible(e.getValue() == OpportunityStatus.LOST));
        lostReason.setLabel(getTranslation("opportunity.lost-reason"));
        lostReason.setVisible(false);

        add(new FormLayout(name, customer, owner, pipeline, stage, amount, currency, expectedClose, leadSource, status,
                lostReason));
        errors.bind("name", name).bind("customerId", customer).bind("ownerId", owner).bind("pipelineId", pipeline)
                .bind("stageId", stage).bind("amount", amount).bind("currency", currency)
                .bind("expectedCloseDate", expectedClose).bind("leadSource", leadSource).bind("status", status)
                .bind("lostReason", lostReason);
        fill(editing, owners, pipelines);

        Button save = new Button(getTranslation("action.save"), e -> fireEvent(new SaveEvent(this)));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), save);
    }

    private void fill(Opportunity o, List<UserSummary> owners, List<Pipeline> pipelines) {
        if (o == null) {
            pipelines.stream().findFirst().ifPresent(pipeline::setValue);
            currency.setValue("CNY");
            status.setValue(OpportunityStatus.OPEN);
            status.setReadOnly(true);
            return;
        }
        name.setValue(o.name());
        customer.setValue(new Customer(o.customerId(), o.customerName(), null, null, null, null, null, null, null,
                null, null, 0, null, null));
        customer.setReadOnly(true);
        owners.stream().filter(u -> u.id() == o.ownerId()).findFirst().ifPresent(owner::setValue);
        pipelines.stream().filter(p -> p.id() == o.pipelineId()).findFirst().ifPresent(pipeline::setValue);
        pipeline.setReadOnly(true);
        stage.getListDataView().getItems().filter(s -> s.id() == o.stageId()).findFirst().ifPresent(stage::setValue);
        amount.setValue(o.amount());
        currency.setValue(o.currency());
        expectedClose.setValue(o.expectedCloseDate());
        if (o.leadSource() != null) {
            leadSource.setValue(o.leadSource());
        }
        status.setValue(o.status());
        lostReason.setValue(o.lostReason() == null ? "" : o.lostReason());
    }

    private void stageChoices(Pipeline chosen) {
        stage.setItems(chosen == null ? List.of() : chosen.stages());
        if (chosen != null && !chosen.stages().isEmpty()) {
            stage.setValue(chosen.stages().get(0));
        }
    }

    public OpportunityDraft draft() {
        return new OpportunityDraft(name.getValue(), customer.getValue() == null ? null : customer.getValue().id(),
                editing == null ? null : editing.contactId(),
                owner.getValue() == null ? null : owner.getValue().id(),
                pipeline.getValue() == null ? null : pipeline.getValue().id(),
                stage.getValue() == null ? null : stage.getValue().id(), amount.getValue(), currency.getValue(),
                expectedClose.getValue(), leadSource.getValue(), status.getValue(),
                Objects.requireNonNullElse(lostReason.getValue(), ""));
    }

    public Opportunity editing() {
        return editing;
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
