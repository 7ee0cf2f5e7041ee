package dev.funnel.audit.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.audit.AuditEntry;
import dev.funnel.audit.AuditFilter;
import dev.funnel.audit.AuditService;
import dev.funnel.identity.Role;
import dev.funnel.platform.ExportColumn;
import dev.funnel.platform.Formats;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.ui.ExportMenu;
import dev.funnel.platform.ui.PagedGrids;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.List;

/** Admin → Audit trail: who did what, when and from where, filtered by day, person and kind, and exported. */
@Route("admin/audit")
@RolesAllowed(Role.Names.ADMIN)
public class AuditView extends VerticalLayout implements HasDynamicTitle {

    /** The actions written so far, for the filter; an action's start ('sign-in') finds all of its kind. */
    static final List<String> ACTIONS = List.of("sign-in", "sign-in.succeeded", "sign-in.failed", "sign-in.paused",
            "sign-in.unlocked", "user", "team", "api-token", "settings", "deleted", "export", "import", "plugin.record");

    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final TextField actor = new TextField();
    private final ComboBox<String> action = new ComboBox<>();
    private final Grid<AuditEntry> grid = new Grid<>();

    public AuditView(AuditService audit) {
        setSizeFull();
        H2 title = new H2(getTranslation("nav.audit"));
        title.addClassName("funnel-view-title");
        ExportMenu<AuditEntry> export = new ExportMenu<>("audit", () -> List.of(
                new ExportColumn<>(getTranslation("audit.when"), e -> e.occurredAt()),
                new ExportColumn<>(getTranslation("audit.actor"), AuditEntry::actor),
                new ExportColumn<>(getTranslation("audit.action"), e -> actionName(e.action())),
                new ExportColumn<>(getTranslation("audit.target"), this::target),
                new ExportColumn<>(getTranslation("audit.details"), AuditEntry::details),
                new ExportColumn<>(getTranslation("audit.address"), AuditEntry::address)),
                page -> audit.find(filter(), page).items());
        HorizontalLayout toolbar = new HorizontalLayout(title, export);
        toolbar.addClassName("funnel-toolbar");

        from.setLabel(getTranslation("audit.from"));
        to.setLabel(getTranslation("audit.to"));
        actor.setLabel(getTranslation("audit.actor"));
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        actor.setClearButtonVisible(true);
        action.setLabel(getTranslation("audit.action"));
        action.setItems(ACTIONS);
        action.setItemLabelGenerator(this::actionName);
        action.setClearButtonVisible(true);
        FlexLayout filters = new FlexLayout(from, to, actor, action);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "var(--lumo-space-m)");
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        actor.addValueChangeListener(e -> refresh());
        action.addValueChangeListener(e -> refresh());

        grid.addColumn(e -> Formats.dateTime(e.occurredAt(), ZoneId.systemDefault(), getLocale()))
                .setHeader(getTranslation("audit.when")).setAutoWidth(true);
        grid.addColumn(AuditEntry::actor).setHeader(getTranslation("audit.actor")).setAutoWidth(true);
        grid.addColumn(e -> actionName(e.action())).setHeader(getTranslation("audit.action")).setAutoWidth(true);
        grid.addColumn(this::target).setHeader(getTranslation("audit.target")).setAutoWidth(true);
        grid.addColumn(AuditEntry::details).setHeader(getTranslation("audit.details")).setFlexGrow(2);
        grid.addColumn(AuditEntry::address).setHeader(getTranslation("audit.address")).setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        Span empty = new Span(getTranslation("audit.empty"));
        empty.addClassName("funnel-empty-state");
        PagedGrids.lazy(grid, empty, page -> audit.find(filter(), page).items(),
                () -> audit.find(filter(), PageRequest.of(0, 1)).total());
        add(toolbar, filters, empty, grid);
        expand(grid);
    }

    private AuditFilter filter() {
        return new AuditFilter(from.getValue(), to.getValue(), actor.getValue(), action.getValue());
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private String actionName(String key) {
        // actions added later by other modules read as their key until they are translated
        return dev.funnel.platform.Messages.has("audit.action." + key, getLocale())
                ? getTranslation("audit.action." + key) : key;
    }

    private String target(AuditEntry entry) {
        if (entry.targetType() == null) {
            return "";
        }
        return entry.targetType() + (entry.targetId() == null ? "" : " " + entry.targetId());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.audit") + " · " + getTranslation("app.name");
    }
}
