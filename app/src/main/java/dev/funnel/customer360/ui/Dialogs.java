package dev.funnel.customer360.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpType;
import dev.funnel.customer.BuyingRole;
import dev.funnel.customer.ContactDraft;
import dev.funnel.customer.Customer;
import dev.funnel.customer360.ui.Customer360View.Services;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.platform.Checks;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import dev.funnel.order.Order;
import dev.funnel.order.OrderDraft;
import dev.funnel.order.PaymentDraft;
import dev.funnel.support.RequestPriority;
import dev.funnel.support.ServiceRequestDraft;
import java.time.LocalDate;

/** The small forms of the 360: each collects input, asks one service, and shows its refusals by the fields. */
final class Dialogs {

    private final Services services;
    private final Customer customer;
    private final Runnable changed;

    Dialogs(Services services, Customer customer, Runnable changed) {
        this.services = services;
        this.customer = customer;
        this.changed = changed;
    }

    void followUp() {
        FormLayout form = new FormLayout();
        Select<FollowUpType> type = new Select<>();
        type.setLabel(form.getTranslation("activity.type"));
        type.setItems(FollowUpType.values());
        type.setItemLabelGenerator(t -> form.getTranslation("activity.type." + t.name()));
        type.setValue(FollowUpType.CALL);
        TextArea content = new TextArea(form.getTranslation("activity.content"));
        ComboBox<Opportunity> deal = new ComboBox<>(form.getTranslation("nav.opportunities"));
        deal.setItems(services.opportunities().forCustomer(customer.id(), 50));
        deal.setItemLabelGenerator(Opportunity::name);
        DatePicker next = new DatePicker(form.getTranslation("activity.next-follow-up"));
        form.add(type, deal, content, next);
        form.setColspan(content, 2);
        FieldErrors errors = new FieldErrors(form).bind("type", type).bind("content", content)
                .bind("opportunityId", deal).bind("nextFollowUpOn", next);
        FormDialogs.open(form.getTranslation("customer360.log-follow-up"), form, errors,
                () -> services.activities().log(new FollowUpDraft(type.getValue(), null, content.getValue(),
                        customer.id(), null, deal.getValue() == null ? null : deal.getValue().id(), next.getValue())),
                changed);
    }

    void order() {
        FormLayout form = new FormLayout();
        TextField number = new TextField(form.getTranslation("order.number"));
        DatePicker date = new DatePicker(form.getTranslation("order.date"), LocalDate.now(services.clock()));
        BigDecimalField amount = new BigDecimalField(form.getTranslation("order.amount"));
        Select<String> currency = new Select<>();
        currency.setLabel(form.getTranslation("opportunity.currency"));
        currency.setItems(Checks.CURRENCIES);
        currency.setValue("CNY");
        ComboBox<Opportunity> deal = new ComboBox<>(form.getTranslation("nav.opportunities"));
        deal.setItems(services.opportunities().forCustomer(customer.id(), 50));
        deal.setItemLabelGenerator(Opportunity::name);
        form.add(number, date, amount, currency, deal);
        FieldErrors errors = new FieldErrors(form).bind("number", number).bind("orderDate", date)
                .bind("amount", amount).bind("currency", currency).bind("opportunityId", deal);
        FormDialogs.open(form.getTranslation("customer360.new-order"), form, errors,
                () -> services.orders().create(new OrderDraft(number.getValue(), customer.id(),
                        deal.getValue() == null ? null : deal.getValue().id(), date.getValue(), amount.getValue(),
                        currency.getValue(), null)), changed);
    }

    void payment(Order order) {
        FormLayout form = new FormLayout();
        DatePicker received = new DatePicker(form.getTranslation("payment.received-on"), LocalDate.now(services.clock()));
        BigDecimalField amount = new BigDecimalField(form.getTranslation("order.amount"));
        amount.setValue(order.outstanding());
        TextField notes = new TextField(form.getTranslation("customer.notes"));
        form.add(received, amount, notes);
        FieldErrors errors = new FieldErrors(form).bind("receivedOn", received).bind("amount", amount)
                .bind("notes", notes);
        FormDialogs.open(form.getTranslation("customer360.record-payment") + " · " + order.number(), form, errors,
                () -> services.orders().addPayment(order.id(), order.version(), new PaymentDraft(received.getValue(),
                        amount.getValue(), notes.getValue())), changed);
    }

    void request() {
        FormLayout form = new FormLayout();
        TextField subject = new TextField(form.getTranslation("request.subject"));
        Select<RequestPriority> priority = new Select<>();
        priority.setLabel(form.getTranslation("request.priority"));
        priority.setItems(RequestPriority.values());
        priority.setItemLabelGenerator(p -> form.getTranslation("request.priority." + p.name()));
        priority.setValue(RequestPriority.NORMAL);
        DatePicker due = new DatePicker(form.getTranslation("request.due-on"));
        TextArea description = new TextArea(form.getTranslation("request.description"));
        form.add(subject, priority, due, description);
        form.setColspan(description, 2);
        FieldErrors errors = new FieldErrors(form).bind("subject", subject).bind("priority", priority)
                .bind("dueOn", due).bind("description", description);
        FormDialogs.open(form.getTranslation("customer360.new-request"), form, errors,
                () -> services.requests().create(new ServiceRequestDraft(customer.id(), null, subject.getValue(),
                        description.getValue(), priority.getValue(), null, due.getValue())), changed);
    }

    void contact() {
        FormLayout form = new FormLayout();
        TextField name = new TextField(form.getTranslation("contact.name"));
        TextField title = new TextField(form.getTranslation("contact.title"));
        Select<BuyingRole> role = new Select<>();
        role.setLabel(form.getTranslation("contact.role"));
        role.setItems(BuyingRole.values());
        role.setItemLabelGenerator(r -> form.getTranslation("contact.role." + r.name()));
        TextField mobile = new TextField(form.getTranslation("contact.mobile"));
        TextField phone = new TextField(form.getTranslation("customer.phone"));
        EmailField email = new EmailField(form.getTranslation("customer.email"));
        form.add(name, title, role, mobile, phone, email);
        FieldErrors errors = new FieldErrors(form).bind("name", name).bind("title", title).bind("mobile", mobile)
                .bind("phone", phone).bind("email", email);
        FormDialogs.open(form.getTranslation("customer360.add-contact"), form, errors,
                () -> services.customers().addContact(customer.id(), new ContactDraft(name.getValue(),
                        title.getValue(), phone.getValue(), email.getValue(), role.getValue(), mobile.getValue())),
                changed);
    }
}
