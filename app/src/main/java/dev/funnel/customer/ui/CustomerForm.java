package dev.funnel.customer.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerDraft;
import dev.funnel.customer.CustomerStatus;
import dev.funnel.customer.DuplicateCandidate;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.Checks;
import dev.funnel.platform.ui.FieldErrors;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The customer form in a dialog. It only collects input and fires {@link SaveEvent}; the view asks the service,
 * and the service's refusal comes back through {@link #errors()} next to the fields. Look-alike customers found
 * before saving are shown above the fields; saving again saves anyway (unless the credit code is taken).
 */
public class CustomerForm extends Dialog {

    final TextField name = new TextField();
    final TextField creditCode = new TextField();
    final TextField legalRepresentative = new TextField();
    final BigDecimalField registeredCapital = new BigDecimalField();
    final Select<String> capitalCurrency = new Select<>();
    final DatePicker establishedOn = new DatePicker();
    final Select<CustomerStatus> status = new Select<>();
    final TextField industry = new TextField();
    final IntegerField employeeCount = new IntegerField();
    final TextField source = new TextField();
    final TextField country = new TextField();
    final TextField city = new TextField();
    final TextField address = new TextField();
    final TextField phone = new TextField();
    final EmailField email = new EmailField();
    final TextField website = new TextField();
    final ComboBox<Customer> parent = new ComboBox<>();
    final TextField tags = new TextField();
    final ComboBox<UserSummary> owner = new ComboBox<>();
    final TextArea notes = new TextArea();
    final Div duplicates = new Div();
    final Button fromRegistry = new Button();
    private final FieldErrors errors = new FieldErrors(this);
    private final Customer editing;
    private boolean duplicatesShown;

    /** @param parents finds customers by name for the parent company */
    public CustomerForm(Customer editing, List<UserSummary> owners, Function<String, List<Customer>> parents) {
        this.editing = editing;
        setHeaderTitle(getTranslation(editing == null ? "customer.new" : "customer.edit"));
        label();
        name.setRequiredIndicatorVisible(true);
        creditCode.setMaxLength(18);
        capitalCurrency.setItems(Checks.CURRENCIES);
        capitalCurrency.setValue("CNY");
        status.setItems(CustomerStatus.values());
        status.setItemLabelGenerator(s -> getTranslation("customer.status." + s.name()));
        status.setValue(CustomerStatus.PROSPECT);
        employeeCount.setMin(0);
        parent.setItems(query -> parents.apply(query.getFilter().orElse("")).stream()
                .filter(c -> editing == null || c.id() != editing.id())
                .skip(query.getOffset()).limit(query.getLimit()));
        parent.setItemLabelGenerator(Customer::name);
        owner.setItems(owners);
        owner.setItemLabelGenerator(UserSummary::fullName);
        duplicates.addClassName("funnel-duplicates");
        duplicates.setVisible(false);
        FormLayout layout = new FormLayout(name, creditCode, status, owner, legalRepresentative, establishedOn,
                registeredCapital, capitalCurrency, industry, employeeCount, source, parent, country, city, address,
                phone, email, website, tags, notes);
        layout.setColspan(address, 2);
        layout.setColspan(tags, 2);
        layout.setColspan(notes, 2);
        fromRegistry.setText(getTranslation("customer.registry.fill"));
        fromRegistry.setIcon(com.vaadin.flow.component.icon.VaadinIcon.SEARCH.create());
        fromRegistry.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        fromRegistry.setId("customer-from-registry");
        fromRegistry.setVisible(false);
        add(fromRegistry, duplicates, layout);
        errors.bind("name", name).bind("creditCode", creditCode).bind("legalRepresentative", legalRepresentative)
                .bind("registeredCapital", registeredCapital).bind("capitalCurrency", capitalCurrency)
                .bind("establishedOn", establishedOn).bind("status", status).bind("industry", industry)
                .bind("employeeCount", employeeCount).bind("source", source).bind("country", country)
                .bind("city", city).bind("address", address).bind("phone", phone).bind("email", email)
                .bind("website", website).bind("parentId", parent).bind("tags", tags).bind("ownerId", owner)
                .bind("notes", notes);
        if (editing != null) {
            fill(editing, owners);
        }

        Button save = new Button(getTranslation("action.save"), e -> fireEvent(new SaveEvent(this)));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Enter saves from any one-line field; in the notes it starts a new line
        save.addClickShortcut(Key.ENTER).listenOn(name, creditCode, legalRepresentative, industry, city, phone,
                email, website, address, tags, owner);
        Button cancel = new Button(getTranslation("action.cancel"), e -> close());
        getFooter().add(cancel, save);
    }

    /**
     * Offers "fill from registry" (从工商信息填写): the name or credit code typed is looked up in the business
     * registry, and the registered name, credit code, legal representative, capital, founding date and address are
     * filled in. The registry failing or being slow is said, and the form goes on as it was.
     */
    public void offerRegistry(Function<String, dev.funnel.customer.RegistryAnswer> registry) {
        fromRegistry.setVisible(true);
        fromRegistry.addClickListener(e -> {
            String query = !creditCode.getValue().isBlank() ? creditCode.getValue() : name.getValue();
            if (query == null || query.trim().length() < 2) {
                name.setInvalid(true);
                name.setErrorMessage(getTranslation("validation.registry.query"));
                return;
            }
            dev.funnel.customer.RegistryAnswer answer = registry.apply(query.trim());
            if (!answer.available()) {
                com.vaadin.flow.component.notification.Notification.show(getTranslation("customer.registry.none"));
            } else if (answer.problem() != null) {
                com.vaadin.flow.component.notification.Notification.show(getTranslation("customer.registry.failed"));
            } else if (answer.companies().isEmpty()) {
                com.vaadin.flow.component.notification.Notification.show(
                        getTranslation("customer.registry.not-found", query.trim()));
            } else {
                dev.funnel.customer.RegisteredCompany company = answer.companies().get(0);
                fillFrom(company);
                com.vaadin.flow.component.notification.Notification.show(getTranslation(
                        "customer.registry.filled", company.name(), company.status() == null ? "" : company.status()));
            }
        });
    }

    /** The registry's facts, over what was typed; what the registry leaves out stays as it was. */
    void fillFrom(dev.funnel.customer.RegisteredCompany company) {
        if (company.name() != null) {
            name.setValue(company.name());
        }
        if (company.creditCode() != null) {
            creditCode.setValue(company.creditCode());
        }
        if (company.legalRepresentative() != null) {
            legalRepresentative.setValue(company.legalRepresentative());
        }
        if (company.registeredCapital() != null) {
            registeredCapital.setValue(company.registeredCapital());
            if (company.capitalCurrency() != null) {
                capitalCurrency.setValue(company.capitalCurrency());
            }
        }
        if (company.foundedOn() != null) {
            establishedOn.setValue(company.foundedOn());
        }
        if (company.address() != null) {
            address.setValue(company.address());
        }
    }

    private void label() {
        name.setLabel(getTranslation("customer.name"));
        creditCode.setLabel(getTranslation("customer.credit-code"));
        legalRepresentative.setLabel(getTranslation("customer.legal-representative"));
        registeredCapital.setLabel(getTranslation("customer.registered-capital"));
        capitalCurrency.setLabel(getTranslation("customer.capital-currency"));
        establishedOn.setLabel(getTranslation("customer.established-on"));
        status.setLabel(getTranslation("customer.status"));
        industry.setLabel(getTranslation("customer.industry"));
        employeeCount.setLabel(getTranslation("customer.employees"));
        source.setLabel(getTranslation("customer.source"));
        country.setLabel(getTranslation("customer.country"));
        city.setLabel(getTranslation("customer.city"));
        address.setLabel(getTranslation("customer.address"));
        phone.setLabel(getTranslation("customer.phone"));
        email.setLabel(getTranslation("customer.email"));
        website.setLabel(getTranslation("customer.website"));
        parent.setLabel(getTranslation("customer.parent"));
        tags.setLabel(getTranslation("customer.tags"));
        tags.setHelperText(getTranslation("customer.tags.help"));
        owner.setLabel(getTranslation("customer.owner"));
        notes.setLabel(getTranslation("customer.notes"));
    }

    private void fill(Customer c, List<UserSummary> owners) {
        name.setValue(c.name());
        creditCode.setValue(nullToEmpty(c.creditCode()));
        legalRepresentative.setValue(nullToEmpty(c.legalRepresentative()));
        registeredCapital.setValue(c.registeredCapital());
        capitalCurrency.setValue(c.capitalCurrency());
        establishedOn.setValue(c.establishedOn());
        status.setValue(c.status());
        industry.setValue(nullToEmpty(c.industry()));
        employeeCount.setValue(c.employeeCount());
        source.setValue(nullToEmpty(c.source()));
        country.setValue(nullToEmpty(c.country()));
        city.setValue(nullToEmpty(c.city()));
        address.setValue(nullToEmpty(c.address()));
        phone.setValue(nullToEmpty(c.phone()));
        email.setValue(nullToEmpty(c.email()));
        website.setValue(nullToEmpty(c.website()));
        if (c.parentId() != null) {
            parent.setValue(Customer.reference(c.parentId(), c.parentName()));
        }
        tags.setValue(String.join(", ", c.tags()));
        notes.setValue(nullToEmpty(c.notes()));
        owners.stream().filter(u -> c.ownerId() != null && u.id() == c.ownerId()).findFirst()
                .ifPresent(owner::setValue);
    }

    public CustomerDraft draft() {
        List<String> tagList = Arrays.stream(tags.getValue().split("[,;，；、]")).map(String::trim)
                .filter(t -> !t.isEmpty()).toList();
        return new CustomerDraft(name.getValue(), creditCode.getValue(), legalRepresentative.getValue(),
                registeredCapital.getValue(), capitalCurrency.getValue(), establishedOn.getValue(),
                industry.getValue(), employeeCount.getValue(), country.getValue(), city.getValue(),
                address.getValue(), website.getValue(), phone.getValue(), email.getValue(), status.getValue(),
                source.getValue(), parent.getValue() == null ? null : parent.getValue().id(), tagList,
                owner.getValue() == null ? null : owner.getValue().id(), notes.getValue());
    }

    /**
     * Shows look-alike customers once; answers whether the user has now seen them, so that the next save goes
     * ahead. A matching credit code is never 'seen': the service refuses it.
     */
    public boolean confirmDuplicates(List<DuplicateCandidate> candidates) {
        if (candidates.isEmpty() || duplicatesShown) {
            return true;
        }
        duplicatesShown = true;
        duplicates.removeAll();
        duplicates.add(new Span(getTranslation("customer.duplicates.title")));
        for (DuplicateCandidate candidate : candidates) {
            String reasons = candidate.reasons().stream()
                    .map(r -> getTranslation("customer.duplicates.reason." + r.name())).sorted()
                    .collect(Collectors.joining(", "));
            duplicates.add(new Div(new Span(candidate.name() + " · " + getTranslation("customer.owner") + ": "
                    + (candidate.ownerName() == null ? getTranslation("customer.pool") : candidate.ownerName())
                    + " · " + reasons)));
        }
        duplicates.add(new Span(getTranslation("customer.duplicates.save-anyway")));
        duplicates.setVisible(true);
        return false;
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
