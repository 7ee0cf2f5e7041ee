package dev.funnel.customer.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerPoolService;
import dev.funnel.customer.PoolSettings;
import dev.funnel.identity.Role;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.Messages;
import dev.funnel.platform.ui.PagedGrids;
import jakarta.annotation.security.RolesAllowed;

/** The customer pool (公海): customers nobody owns, each claimable by any rep up to the daily limit. */
@Route("pool")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class PoolView extends VerticalLayout implements HasDynamicTitle {

    private final CustomerPoolService pool;
    private final Messages messages;
    private final TextField search = new TextField();
    private final Grid<Customer> grid = new Grid<>();

    public PoolView(CustomerPoolService pool, Messages messages) {
        this.pool = pool;
        this.messages = messages;
        setSizeFull();
        H2 title = new H2(getTranslation("nav.pool"));
        title.addClassName("funnel-view-title");
        PoolSettings settings = pool.settings();
        Span rules = new Span(getTranslation("pool.rules", settings.protectionDays(), settings.claimsPerDay()));
        rules.addClassName("funnel-fact");
        search.setPlaceholder(getTranslation("customer.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        HorizontalLayout toolbar = new HorizontalLayout(title, search, rules);
        toolbar.addClassName("funnel-toolbar");
        toolbar.setWidthFull();
        toolbar.expand(search);
        grid.addColumn(Customer::name).setHeader(getTranslation("customer.name")).setFlexGrow(3);
        grid.addColumn(Customer::industry).setHeader(getTranslation("customer.industry"));
        grid.addColumn(Customer::city).setHeader(getTranslation("customer.city"));
        grid.addComponentColumn(this::claimButton).setKey("claim").setAutoWidth(true);
        Span empty = new Span(getTranslation("pool.empty"));
        empty.addClassName("funnel-empty-state");
        PagedGrids.lazy(grid, empty, page -> pool.list(search.getValue(), page).items(),
                () -> pool.list(search.getValue(), dev.funnel.platform.PageRequest.of(0, 1)).total());
        add(toolbar, empty, grid);
        expand(grid);
    }

    private Button claimButton(Customer customer) {
        Button claim = new Button(getTranslation("pool.claim"), e -> {
            try {
                pool.claim(customer.id());
                Notification.show(getTranslation("pool.claimed", customer.name()));
            } catch (InvalidInputException refused) {
                Notification.show(messages.get(refused.problems().get(0), getLocale()));
            }
            grid.getDataProvider().refreshAll();
        });
        claim.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        return claim;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.pool") + " · " + getTranslation("app.name");
    }
}
