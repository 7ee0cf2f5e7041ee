package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.catalog.Product;
import dev.funnel.catalog.ProductService;
import dev.funnel.customer.CustomerService;
import dev.funnel.customer.CustomerSummary;
import dev.funnel.platform.ExportColumn;
import dev.funnel.platform.ui.ExportMenu;
import dev.funnel.identity.Role;
import dev.funnel.pipeline.RegistrationDraft;
import dev.funnel.pipeline.RegistrationRequest;
import dev.funnel.pipeline.RegistrationService;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import jakarta.annotation.security.RolesAllowed;
import java.util.function.BiConsumer;

/** Registration requests (报备): the ones to decide, with approve and reject, and the ones the user filed. */
@Route("registrations")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class RegistrationsView extends VerticalLayout implements HasDynamicTitle {

    private final RegistrationService registrations;
    private final CustomerService customers;
    private final ProductService products;
    private final Grid<RegistrationRequest> toDecide = grid();
    private final Grid<RegistrationRequest> mine = grid();
    private TabSheet tabs;
    /** The tab on show's requests, kept for the export, which runs outside the UI's session lock. */
    private volatile java.util.List<RegistrationRequest> shown = java.util.List.of();
    private java.util.List<RegistrationRequest> decide = java.util.List.of();
    private java.util.List<RegistrationRequest> filed = java.util.List.of();

    public RegistrationsView(RegistrationService registrations, CustomerService customers, ProductService products) {
        this.registrations = registrations;
        this.customers = customers;
        this.products = products;
        setSizeFull();
        H2 title = new H2(getTranslation("nav.registrations"));
        title.addClassName("funnel-view-title");
        Button file = new Button(getTranslation("registration.new"), VaadinIcon.PLUS.create(), e -> file());
        file.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ExportMenu<RegistrationRequest> export = new ExportMenu<>("registrations", this::exportColumns,
                page -> shown.stream().skip(page.offset()).limit(page.limit()).toList());
        HorizontalLayout toolbar = new HorizontalLayout(title, file, export);
        toolbar.addClassName("funnel-toolbar");
        toDecide.setId("to-decide");
        // frozen to the end: on a phone the decision stays on screen while the details scroll sideways
        toDecide.addComponentColumn(this::decision).setKey("decision").setAutoWidth(true).setFrozenToEnd(true);
        tabs = new TabSheet();
        tabs.add(getTranslation("registration.to-decide"), toDecide);
        tabs.add(getTranslation("registration.mine"), mine);
        tabs.setSizeFull();
        tabs.addSelectedChangeListener(e -> shown = tabs.getSelectedIndex() == 0 ? decide : filed);
        add(toolbar, tabs);
        expand(tabs);
        refresh();
    }

    private java.util.List<ExportColumn<RegistrationRequest>> exportColumns() {
        return java.util.List.of(
                new ExportColumn<>(getTranslation("opportunity.customer"), RegistrationRequest::customerName),
                new ExportColumn<>(getTranslation("registration.deal"), RegistrationRequest::opportunityName),
                new ExportColumn<>(getTranslation("registration.product"), RegistrationRequest::productName),
                new ExportColumn<>(getTranslation("registration.requester"), RegistrationRequest::requesterName),
                new ExportColumn<>(getTranslation("registration.holder"), RegistrationRequest::holderName),
                new ExportColumn<>(getTranslation("registration.reason"), RegistrationRequest::reason),
                new ExportColumn<>(getTranslation("registration.status"),
                        r -> getTranslation("registration.status." + r.status().name())),
                new ExportColumn<>(getTranslation("registration.comment"), RegistrationRequest::decisionComment));
    }

    private Grid<RegistrationRequest> grid() {
        Grid<RegistrationRequest> grid = new Grid<>();
        grid.addColumn(RegistrationRequest::customerName).setHeader(getTranslation("opportunity.customer"))
                .setFlexGrow(2);
        grid.addColumn(RegistrationRequest::opportunityName).setHeader(getTranslation("registration.deal"))
                .setFlexGrow(2);
        grid.addColumn(RegistrationRequest::productName).setHeader(getTranslation("registration.product"));
        grid.addColumn(RegistrationRequest::requesterName).setHeader(getTranslation("registration.requester"));
        grid.addColumn(RegistrationRequest::holderName).setHeader(getTranslation("registration.holder"));
        grid.addColumn(RegistrationRequest::reason).setHeader(getTranslation("registration.reason")).setFlexGrow(3)
                .setTooltipGenerator(RegistrationRequest::reason);
        // a reason is a sentence or two: wrapped, never cut off
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(r -> getTranslation("registration.status." + r.status().name()))
                .setHeader(getTranslation("registration.status"));
        grid.addColumn(RegistrationRequest::decisionComment).setHeader(getTranslation("registration.comment"));
        return grid;
    }

    private HorizontalLayout decision(RegistrationRequest request) {
        Button approve = new Button(getTranslation("registration.approve"),
                e -> decide(request, "registration.approve", (id, comment) -> registrations.approve(id,
                        request.version(), comment)));
        Button reject = new Button(getTranslation("registration.reject"),
                e -> decide(request, "registration.reject", (id, comment) -> registrations.reject(id,
                        request.version(), comment)));
        approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
        reject.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(approve, reject);
    }

    /** Shows what is being decided — who asks for which customer, against whom, and why — then decides it. */
    private void decide(RegistrationRequest request, String titleKey, BiConsumer<Long, String> action) {
        FormLayout form = new FormLayout();
        form.add(readOnly("opportunity.customer", request.customerName()),
                readOnly("registration.requester", request.requesterName()),
                readOnly("registration.holder", request.holderName()),
                readOnly("registration.product", request.productName()),
                readOnly("registration.deal", request.opportunityName()));
        TextArea reason = new TextArea(getTranslation("registration.reason"));
        reason.setValue(request.reason() == null ? "" : request.reason());
        reason.setReadOnly(true);
        TextArea comment = new TextArea(getTranslation("registration.comment"));
        form.add(reason, comment);
        form.setColspan(reason, 2);
        form.setColspan(comment, 2);
        FieldErrors errors = new FieldErrors(form).bind("comment", comment);
        FormDialogs.open(getTranslation(titleKey) + " · " + request.customerName(), form, errors,
                getTranslation(titleKey), () -> action.accept(request.id(), comment.getValue()), () -> {
                    Notification.show(getTranslation(titleKey + ".done", request.customerName(),
                            request.requesterName()), 4000, Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    refresh();
                });
    }

    private TextField readOnly(String labelKey, String value) {
        TextField field = new TextField(getTranslation(labelKey));
        field.setValue(value == null ? "–" : value);
        field.setReadOnly(true);
        return field;
    }

    private void file() {
        FormLayout form = new FormLayout();
        ComboBox<CustomerSummary> customer = new ComboBox<>(getTranslation("opportunity.customer"));
        customer.setItems(query -> customers.lookup(query.getFilter().orElse("")).stream()
                .skip(query.getOffset()).limit(query.getLimit()));
        customer.setItemLabelGenerator(c -> c.name() + (c.ownerName() == null ? "" : " · " + c.ownerName()));
        ComboBox<Product> product = new ComboBox<>(getTranslation("registration.product"));
        product.setItems(products.listActive());
        product.setItemLabelGenerator(Product::name);
        TextField deal = new TextField(getTranslation("registration.deal"));
        TextArea reason = new TextArea(getTranslation("registration.reason"));
        form.add(customer, product, deal, reason);
        form.setColspan(reason, 2);
        FieldErrors errors = new FieldErrors(form).bind("customerId", customer).bind("productId", product)
                .bind("opportunityName", deal).bind("reason", reason);
        FormDialogs.open(getTranslation("registration.new"), form, errors,
                () -> registrations.request(new RegistrationDraft(
                        customer.getValue() == null ? null : customer.getValue().id(),
                        product.getValue() == null ? null : product.getValue().id(), deal.getValue(),
                        reason.getValue(), customer.getValue() == null ? null : customer.getValue().name())),
                this::refresh);
    }

    private void refresh() {
        decide = registrations.toDecide();
        filed = registrations.mine();
        toDecide.setItems(decide);
        mine.setItems(filed);
        shown = tabs == null || tabs.getSelectedIndex() == 0 ? decide : filed;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.registrations") + " · " + getTranslation("app.name");
    }

}
