package dev.funnel.pipeline.ui;

import dev.funnel.platform.Texts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.currency.CurrencyService;
import dev.funnel.customer.Customer;
import dev.funnel.currency.CurrencyService;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityFilter;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.ui.PagedGrids;
import dev.funnel.platform.ExportColumn;
import dev.funnel.platform.ui.ExportMenu;
import dev.funnel.platform.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;
import java.util.List;

/** The opportunities the user may see, filtered by text, owner and status, created and edited in a dialog. */
@Route("opportunities")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class OpportunitiesView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final CustomerService customers;
    private final OpportunityEditor editor;
    /** What the home page's link asked for, shown as a chip that clears it. */
    final Button preset = new Button();
    private boolean stalledOnly;
    private java.time.LocalDate closeFrom;
    private java.time.LocalDate closeTo;
    private final TextField search = new TextField();
    private final ComboBox<UserSummary> owner = new ComboBox<>();
    private final Select<OpportunityStatus> status = new Select<>();
    /** At least this win probability, in percent; empty: any. */
    private final Select<Integer> likelihood = new Select<>();
    private final com.vaadin.flow.component.checkbox.Checkbox mostLikelyFirst =
            new com.vaadin.flow.component.checkbox.Checkbox();
    private final Grid<Opportunity> grid = new Grid<>();
    private final Span empty = new Span();

    public OpportunitiesView(OpportunityServices deals, CustomerService customers, PipelineService pipelines,
                             UserService users, ChoiceService choices, CurrencyService currencies) {
        this.customers = customers;
        this.editor = new OpportunityEditor(deals, customers, pipelines, users, choices, currencies);
        setSizeFull();
        H2 title = new H2(getTranslation("nav.opportunities"));
        title.addClassName("funnel-view-title");
        search.setPlaceholder(getTranslation("opportunity.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        owner.setPlaceholder(getTranslation("opportunity.owner"));
        owner.setItems(users.assignableOwners());
        owner.setItemLabelGenerator(UserSummary::fullName);
        owner.setClearButtonVisible(true);
        owner.addValueChangeListener(e -> refresh());
        status.setPlaceholder(getTranslation("opportunity.status"));
        status.setItems(OpportunityStatus.values());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("filter.all-statuses"));
        status.setItemLabelGenerator(s -> s == null ? getTranslation("filter.all-statuses")
                : getTranslation("status." + s.name().toLowerCase(Locale.ROOT)));
        status.addValueChangeListener(e -> refresh());
        likelihood.setItems(30, 50, 70);
        likelihood.setEmptySelectionAllowed(true);
        likelihood.setEmptySelectionCaption(getTranslation("opportunity.win-probability.any"));
        likelihood.setItemLabelGenerator(p -> p == null ? getTranslation("opportunity.win-probability.any")
                : getTranslation("opportunity.win-probability.at-least", p));
        likelihood.setPlaceholder(getTranslation("opportunity.win-probability"));
        likelihood.setId("opportunities-likelihood");
        likelihood.addValueChangeListener(e -> refresh());
        mostLikelyFirst.setLabel(getTranslation("opportunity.most-likely-first"));
        mostLikelyFirst.setId("opportunities-most-likely-first");
        mostLikelyFirst.addValueChangeListener(e -> refresh());
        Button create = new Button(getTranslation("opportunity.new"), VaadinIcon.PLUS.create(), e -> open(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ExportMenu<Opportunity> export = new ExportMenu<>("opportunities", this::exportColumns,
                page -> deals.queries().list(filter(), page).items());
        preset.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
        preset.setIcon(VaadinIcon.CLOSE_SMALL.create());
        preset.setIconAfterText(true);
        preset.setTooltipText(getTranslation("opportunity.preset.clear"));
        preset.setVisible(false);
        preset.addClickListener(e -> {
            stalledOnly = false;
            closeFrom = null;
            closeTo = null;
            preset.setVisible(false);
            refresh();
        });
        HorizontalLayout toolbar = new HorizontalLayout(title, search, owner, status, likelihood, mostLikelyFirst,
                preset, export, create);
        toolbar.addClassName("funnel-toolbar");
        toolbar.setWidthFull();
        toolbar.expand(search);

        grid.addColumn(Opportunity::name).setHeader(getTranslation("opportunity.name")).setFlexGrow(3);
        grid.addColumn(Opportunity::customerName).setHeader(getTranslation("opportunity.customer")).setFlexGrow(2);
        grid.addColumn(o -> Texts.pick(getLocale(), o.stageNameEn(), o.stageNameZh()))
                .setHeader(getTranslation("opportunity.stage"));
        grid.addColumn(o -> Formats.money(o.amount(), o.currency(), getLocale()))
                .setHeader(getTranslation("opportunity.amount")).setTextAlign(ColumnTextAlign.END)
                .setClassNameGenerator(o -> "funnel-number");
        grid.addColumn(Opportunity::ownerName).setHeader(getTranslation("opportunity.owner"));
        grid.addColumn(o -> o.winProbability() == null ? "–" : getTranslation("score.badge",
                        o.winProbability().movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).intValue()))
                .setHeader(getTranslation("opportunity.win-probability")).setTextAlign(ColumnTextAlign.END)
                .setClassNameGenerator(o -> "funnel-number");
        grid.addColumn(o -> Formats.date(o.expectedCloseDate(), getLocale()))
                .setHeader(getTranslation("opportunity.expected-close"));
        grid.addColumn(o -> getTranslation("status." + o.status().name().toLowerCase(Locale.ROOT)))
                .setHeader(getTranslation("opportunity.status"))
                .setClassNameGenerator(o -> "funnel-status-" + o.status().name().toLowerCase(Locale.ROOT));
        PagedGrids.lazy(grid, empty, page -> deals.queries().list(filter(), page).items(),
                () -> deals.queries().count(filter()));
        grid.addItemDoubleClickListener(e -> open(e.getItem()));
        empty.setText(getTranslation("opportunity.empty"));
        empty.addClassName("funnel-empty-state");
        add(toolbar, empty, grid);
        expand(grid);
    }

    /** The grid's columns for an export: amounts and dates exact, not formatted for reading. */
    private List<ExportColumn<Opportunity>> exportColumns() {
        return List.of(new ExportColumn<>(getTranslation("opportunity.name"), Opportunity::name),
                new ExportColumn<>(getTranslation("opportunity.customer"), Opportunity::customerName),
                new ExportColumn<>(getTranslation("opportunity.stage"),
                        o -> Texts.pick(getLocale(), o.stageNameEn(), o.stageNameZh())),
                new ExportColumn<>(getTranslation("opportunity.amount"), Opportunity::amount),
                new ExportColumn<>(getTranslation("opportunity.currency"), Opportunity::currency),
                new ExportColumn<>(getTranslation("opportunity.owner"), Opportunity::ownerName),
                new ExportColumn<>(getTranslation("opportunity.expected-close"), Opportunity::expectedCloseDate),
                new ExportColumn<>(getTranslation("opportunity.win-probability"), Opportunity::winProbability),
                new ExportColumn<>(getTranslation("opportunity.grade"), Opportunity::grade),
                new ExportColumn<>(getTranslation("opportunity.status"),
                        o -> getTranslation("status." + o.status().name().toLowerCase(Locale.ROOT))));
    }

    private OpportunityFilter filter() {
        return new OpportunityFilter(search.getValue(), owner.getValue() == null ? null : owner.getValue().id(), null,
                null, status.getValue(), stalledOnly, closeFrom, closeTo,
                likelihood.getValue() == null ? null : java.math.BigDecimal.valueOf(likelihood.getValue(), 2),
                mostLikelyFirst.getValue());
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private static java.time.LocalDate day(String text) {
        try {
            return java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private void open(Opportunity opportunity) {
        editor.open(opportunity, this::refresh);
    }

    /**
     * '?customer=ID' (from the customer list) opens the form for a new deal with that customer. The home page's
     * figures link here with what they count: '?stalled=true', '?closeFrom=…&amp;closeTo=…' and '?owner=ID'.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters();
        stalledOnly = parameters.getSingleParameter("stalled").map("true"::equals).orElse(false);
        closeFrom = parameters.getSingleParameter("closeFrom").map(OpportunitiesView::day).orElse(null);
        closeTo = parameters.getSingleParameter("closeTo").map(OpportunitiesView::day).orElse(null);
        parameters.getSingleParameter("owner").ifPresent(id -> owner.getListDataView().getItems()
                .filter(u -> String.valueOf(u.id()).equals(id)).findFirst().ifPresent(owner::setValue));
        if (stalledOnly || closeFrom != null || closeTo != null) {
            preset.setText(stalledOnly ? getTranslation("opportunity.preset.stalled")
                    : getTranslation("opportunity.preset.closing", Formats.date(closeFrom, getLocale()),
                            Formats.date(closeTo, getLocale())));
            preset.setVisible(true);
            refresh();
        }
        event.getLocation().getQueryParameters().getSingleParameter("customer").ifPresent(id -> {
            try {
                Customer customer = customers.get(Long.parseLong(id));
                editor.open(null, this::refresh).customer.setValue(customer);
            } catch (NumberFormatException | dev.funnel.platform.NotFoundException ignored) {
                // an unknown or invisible customer: just the list
            }
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.opportunities") + " · " + getTranslation("app.name");
    }
}
