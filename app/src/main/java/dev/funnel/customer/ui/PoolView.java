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
import dev.funnel.platform.ExportColumn;
import dev.funnel.platform.ui.ExportMenu;
import dev.funnel.identity.Role;
import java.util.List;
import dev.funnel.identity.UserService;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
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

    public PoolView(CustomerPoolService pool, Messages messages, UserService users) {
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
        ExportMenu<Customer> export = new ExportMenu<>("customer-pool", () -> List.of(
                new ExportColumn<>(getTranslation("customer.name"), Customer::name),
                new ExportColumn<>(getTranslation("customer.industry"), Customer::industry),
                new ExportColumn<>(getTranslation("customer.city"), Customer::city)),
                page -> pool.list(search.getValue(), page).items());
        HorizontalLayout toolbar = new HorizontalLayout(title, search, rules, export);
        if (users.current().isAdmin()) {
            toolbar.add(new Button(getTranslation("pool.settings"), VaadinIcon.COG.create(), e -> settings()));
        }
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

    /** The administrator's rules of the pool, and 'return lapsed customers now', which the night also does. */
    private void settings() {
        PoolSettings current = pool.settings();
        IntegerField protection = new IntegerField(getTranslation("pool.protection-days"));
        protection.setValue(current.protectionDays());
        IntegerField claims = new IntegerField(getTranslation("pool.claims-per-day"));
        claims.setValue(current.claimsPerDay());
        Button release = new Button(getTranslation("pool.release-now"), e -> {
            int released = pool.releaseLapsed();
            Notification.show(getTranslation("pool.released", released));
            grid.getDataProvider().refreshAll();
        });
        release.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        FormLayout form = new FormLayout(protection, claims, release);
        FieldErrors errors = new FieldErrors(form).bind("protectionDays", protection).bind("claimsPerDay", claims);
        FormDialogs.open(getTranslation("pool.settings"), form, errors, () -> pool.updateSettings(new PoolSettings(
                protection.getValue() == null ? 0 : protection.getValue(),
                claims.getValue() == null ? 0 : claims.getValue())), () -> UI.getCurrent().getPage().reload());
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
