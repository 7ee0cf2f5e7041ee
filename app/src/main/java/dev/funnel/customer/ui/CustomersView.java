package dev.funnel.customer.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
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
import dev.funnel.platform.ExportColumn;
import dev.funnel.platform.ui.ExportMenu;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.ui.PagedGrids;
import java.util.List;
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
        ExportMenu<Customer> export = new ExportMenu<>("customers", this::exportColumns,
                page -> customers.list(filter(), page).items());
        HorizontalLayout toolbar = new HorizontalLayout(title, search, export, create);
        toolbar.addClassName("funnel-toolbar");
        toolbar.setWidthFull();
        toolbar.expand(search);

        // the name opens the customer's 360; a double click on the row edits it in place
        grid.addComponentColumn(c -> new Anchor("customers/" + c.id(), c.name()))
                .setHeader(getTranslation("customer.name")).setFlexGrow(3);
        grid.addColumn(Customer::creditCode).setHeader(getTranslation("customer.credit-code")).setFlexGrow(2);
        grid.addColumn(c -> getTranslation("customer.status." + c.status().name()))
                .setHeader(getTranslation("customer.status"));
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

    /** The grid's columns, for an export of what the list shows. */
    private List<ExportColumn<Customer>> exportColumns() {
        return List.of(new ExportColumn<>(getTranslation("customer.name"), Customer::name),
                new ExportColumn<>(getTranslation("customer.credit-code"), Customer::creditCode),
                new ExportColumn<>(getTranslation("customer.status"),
                        c -> getTranslation("customer.status." + c.status().name())),
                new ExportColumn<>(getTranslation("customer.industry"), Customer::industry),
                new ExportColumn<>(getTranslation("customer.city"), Customer::city),
                new ExportColumn<>(getTranslation("customer.owner"), Customer::ownerName));
    }

    private CustomerFilter filter() {
        return new CustomerFilter(search.getValue(), null);
    }

    private void open(Customer customer) {
        CustomerForm form = new CustomerForm(customer, users.assignableOwners(),
                text -> customers.list(new CustomerFilter(text, null), PageRequest.of(0, 50)).items());
        form.offerRegistry(customers::lookUpRegistry);
        form.addSaveListener(e -> {
            Long except = form.editing() == null ? null : form.editing().id();
            // look-alikes first: the rep learns whose company it is before creating a second record of it
            if (!form.confirmDuplicates(customers.findDuplicates(form.draft(), except).stream()
                    .filter(c -> !c.blocksSaving()).toList())) {
                return;
            }
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
