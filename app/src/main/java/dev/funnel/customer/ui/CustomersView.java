package dev.funnel.customer.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerFilter;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.platform.ui.PagedGrids;
import jakarta.annotation.security.RolesAllowed;

/** The customers the user may see, searchable by name or credit code, created and edited in a dialog. */
@Route("customers")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class CustomersView extends VerticalLayout implements HasDynamicTitle {

    private final CustomerService customers;
    private final UserService users;
    private final TextField search = new TextField();
    private final Grid<Customer> grid = new Grid<>();
    private final Span empty = new Span();

    public CustomersView(CustomerService customers, UserService users) {
        this.customers = customers;
        this.users = users;
        setSizeFull();
        H2 title = new H2(getTranslation("nav.customers"));
        title.addClassName("funnel-view-title");
        search.setPlaceholder(getTranslation("customer.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        Button create = new Button(getTranslation("customer.new"), VaadinIcon.PLUS.create(), e -> open(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout toolbar = new HorizontalLayout(title, search, create);
        toolbar.addClassName("funnel-toolbar");
        toolbar.setWidthFull();
        toolbar.expand(search);

        grid.addColumn(Customer::name).setHeader(getTranslation("customer.name")).setFlexGrow(3).setSortable(false);
        grid.addColumn(Customer::creditCode).setHeader(getTranslation("customer.credit-code")).setFlexGrow(2);
        grid.addColumn(Customer::industry).setHeader(getTranslation("customer.industry"));
        grid.addColumn(Customer::city).setHeader(getTranslation("customer.city"));
        grid.addColumn(Customer::ownerName).setHeader(getTranslation("customer.owner"));
        grid.addComponentColumn(customer -> {
            // the opportunity list opens its form for this customer: modules meet through routes, not classes
            Button deal = new Button(getTranslation("opportunity.new"), VaadinIcon.PLUS.create(), e -> UI.getCurrent()
                    .navigate("opportunities", QueryParameters.of("customer", String.valueOf(customer.id()))));
            deal.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return deal;
        }).setAutoWidth(true);
        PagedGrids.lazy(grid, empty, page -> customers.list(filter(), page).items(),
                () -> customers.count(filter()));
        grid.addItemDoubleClickListener(e -> open(e.getItem()));
        empty.setText(getTranslation("customer.empty"));
        empty.addClassName("funnel-empty-state");
        add(toolbar, empty, grid);
        expand(grid);
    }

    private CustomerFilter filter() {
        return new CustomerFilter(search.getValue(), null);
    }

    private void open(Customer customer) {
        CustomerForm form = new CustomerForm(customer, users.assignableOwners());
        form.addSaveListener(e -> {
            boolean saved = form.errors().attempt(() -> {
                if (form.editing() == null) {
                    customers.create(form.draft());
                } else {
                    customers.update(form.editing().id(), form.editing().version(), form.draft());
                }
            });
            if (saved) {
                form.close();
                grid.getDataProvider().refreshAll();
            }
        });
        form.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.customers") + " · " + getTranslation("app.name");
    }
}
