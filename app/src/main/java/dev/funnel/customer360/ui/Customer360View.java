package dev.funnel.customer360.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.followup.FollowUpService;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerFilter;
import dev.funnel.customer.CustomerService;
import dev.funnel.customer.ui.CustomerForm;
import dev.funnel.customer.ui.CustomersView;
import dev.funnel.customer360.Customer360Service;
import dev.funnel.customer360.CustomerFigures;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.order.OrderService;
import dev.funnel.support.ServiceRequestService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A customer's 360: the header with its key facts and figures, the merged timeline on the left, and its contacts,
 * deals, orders and service requests on the right.
 */
@Route("customers/:id")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class Customer360View extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final Services services;
    private Customer customer;

    /** The services the page and its panels call. */
    record Services(Customer360Service overview, CustomerService customers, OpportunityService opportunities,
                    FollowUpService activities, OrderService orders, ServiceRequestService requests,
                    UserService users, Clock clock) {
    }

    public Customer360View(Customer360Service overview, CustomerService customers, OpportunityService opportunities,
                           FollowUpService activities, OrderService orders, ServiceRequestService requests,
                           UserService users, Clock clock) {
        this.services = new Services(overview, customers, opportunities, activities, orders, requests, users,
                clock);
        addClassName("funnel-customer-360");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            customer = services.customers().get(Long.parseLong(event.getRouteParameters().get("id").orElse("")));
            render();
        } catch (NumberFormatException | NotFoundException e) {
            event.forwardTo(CustomersView.class);
        }
    }

    void render() {
        removeAll();
        customer = services.customers().get(customer.id());
        H2 title = new H2(customer.name());
        title.addClassName("funnel-view-title");
        Button edit = new Button(getTranslation("customer.edit"), e -> edit());
        HorizontalLayout facts = new HorizontalLayout(title,
                fact("customer.credit-code", customer.creditCode()),
                fact("customer.status", getTranslation("customer.status." + customer.status().name())),
                fact("customer.owner", customer.ownerName() == null ? getTranslation("customer.pool")
                        : customer.ownerName()),
                fact("customer.tags", customer.tags().isEmpty() ? null : String.join(", ", customer.tags())), edit);
        facts.addClassName("funnel-toolbar");
        TimelinePanel timeline = new TimelinePanel(services.overview(), customer.id());
        RelatedPanel related = new RelatedPanel(services, customer, this::render);
        HorizontalLayout columns = new HorizontalLayout(timeline, related);
        columns.setWidthFull();
        columns.setFlexGrow(3, timeline);
        columns.setFlexGrow(2, related);
        add(facts, tiles(services.overview().figures(customer.id())), columns);
    }

    private HorizontalLayout tiles(CustomerFigures figures) {
        HorizontalLayout tiles = new HorizontalLayout(
                tile("customer360.won", money(figures.lifetimeWon())),
                tile("customer360.open", money(figures.openPipeline()) + " · "
                        + getTranslation("customer360.deals", figures.openDeals())),
                tile("customer360.outstanding", money(figures.outstanding())),
                tile("customer360.last-contact", figures.daysSinceLastContact() == null
                        ? getTranslation("customer360.never")
                        : getTranslation("customer360.days", figures.daysSinceLastContact())),
                tile("customer360.requests", String.valueOf(figures.openServiceRequests())));
        tiles.addClassName("funnel-tiles");
        return tiles;
    }

    private Div tile(String labelKey, String value) {
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("funnel-tile-label");
        Span figure = new Span(value);
        figure.addClassName("funnel-tile-value");
        Div tile = new Div(label, figure);
        tile.addClassName("funnel-tile");
        return tile;
    }

    private String money(Map<String, BigDecimal> perCurrency) {
        if (perCurrency.isEmpty()) {
            return Formats.compactMoney(BigDecimal.ZERO, "CNY", getLocale());
        }
        return perCurrency.entrySet().stream().map(e -> Formats.compactMoney(e.getValue(), e.getKey(), getLocale()))
                .collect(Collectors.joining(" + "));
    }

    private Span fact(String labelKey, String value) {
        Span fact = new Span(getTranslation(labelKey) + ": " + (value == null ? "–" : value));
        fact.addClassName("funnel-fact");
        return fact;
    }

    private void edit() {
        CustomerForm form = new CustomerForm(customer, services.users().assignableOwners(), text -> services
                .customers().list(new CustomerFilter(text, null), PageRequest.of(0, 50)).items());
        form.offerRegistry(services.customers()::lookUpRegistry);
        form.addSaveListener(e -> {
            if (form.errors().attempt(() -> services.customers().update(customer.id(), customer.version(),
                    form.draft()))) {
                form.close();
                render();
            }
        });
        form.open();
    }

    @Override
    public String getPageTitle() {
        return (customer == null ? "" : customer.name() + " · ") + getTranslation("app.name");
    }
}
