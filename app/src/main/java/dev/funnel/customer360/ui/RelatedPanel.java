package dev.funnel.customer360.ui;

import java.util.Locale;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.funnel.customer.Contact;
import dev.funnel.customer.Customer;
import dev.funnel.customer360.ui.Customer360View.Services;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.platform.Formats;
import dev.funnel.order.Order;
import dev.funnel.support.RequestStatus;
import dev.funnel.support.ServiceRequest;
import dev.funnel.support.ServiceRequestDraft;

/** The right column of the 360: what the customer has — contacts, deals, orders, requests — and the actions. */
class RelatedPanel extends VerticalLayout {

    RelatedPanel(Services services, Customer customer, Runnable changed) {
        setPadding(false);
        Dialogs dialogs = new Dialogs(services, customer, changed);
        HorizontalLayout actions = new HorizontalLayout(
                button("customer360.log-follow-up", dialogs::followUp),
                button("customer360.new-order", dialogs::order),
                button("customer360.new-request", dialogs::request),
                button("customer360.add-contact", dialogs::contact));
        actions.setWrap(true);
        add(actions);

        add(section("customer360.contacts"));
        for (Contact c : services.customers().contacts(customer.id())) {
            add(line(c.name() + (c.title() == null ? "" : " · " + c.title())
                    + (c.buyingRole() == null ? "" : " · " + getTranslation("contact.role." + c.buyingRole().name()))
                    + (c.mobile() == null ? "" : " · " + c.mobile()) + (c.email() == null ? "" : " · " + c.email())));
        }
        add(section("customer360.opportunities"));
        for (Opportunity o : services.opportunities().forCustomer(customer.id(), 50)) {
            Anchor link = new Anchor("opportunities/" + o.id(), o.name());
            Span about = new Span(" · " + getTranslation("status." + o.status().name().toLowerCase(Locale.ROOT)) + " · "
                    + (o.amount() == null ? "–" : Formats.money(o.amount(), o.currency(), getLocale())));
            add(new Div(link, about));
        }
        add(section("customer360.orders"));
        for (Order order : services.orders().forCustomer(customer.id())) {
            Div row = line(order.number() + " · " + Formats.date(order.orderDate(), getLocale()) + " · "
                    + Formats.money(order.amount(), order.currency(), getLocale()) + " · "
                    + getTranslation("customer360.outstanding-short",
                    Formats.money(order.outstanding(), order.currency(), getLocale())));
            if (order.outstanding().signum() > 0) {
                Button pay = button("customer360.record-payment", () -> dialogs.payment(order));
                pay.addThemeVariants(ButtonVariant.LUMO_SMALL);
                row.add(pay);
            }
            add(row);
        }
        add(section("customer360.requests"));
        for (ServiceRequest request : services.requests().forCustomer(customer.id())) {
            Div row = line(request.subject() + " · " + getTranslation("request.priority." + request.priority().name())
                    + " · " + getTranslation("request.status." + request.status().name()));
            if (request.status().isOpen()) {
                Button resolve = button("customer360.resolve", () -> {
                    services.requests().update(request.id(), request.version(), new ServiceRequestDraft(
                            request.customerId(), request.contactId(), request.subject(), request.description(),
                            request.priority(), RequestStatus.RESOLVED, request.dueOn()));
                    changed.run();
                });
                resolve.addThemeVariants(ButtonVariant.LUMO_SMALL);
                row.add(resolve);
            }
            add(row);
        }
    }

    private Button button(String key, Runnable action) {
        Button button = new Button(getTranslation(key), e -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    private H3 section(String key) {
        H3 header = new H3(getTranslation(key));
        header.addClassName("funnel-section-title");
        return header;
    }

    private static Div line(String text) {
        Div line = new Div(new Span(text));
        line.addClassName("funnel-related-line");
        return line;
    }
}
