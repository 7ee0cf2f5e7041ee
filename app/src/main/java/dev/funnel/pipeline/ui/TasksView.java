package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.TaskService;
import dev.funnel.platform.ExportColumn;
import dev.funnel.platform.ui.ExportMenu;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

/** My tasks: overdue, today, upcoming and done; complete with a note, reassign or re-date from the row. */
@Route("tasks")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class TasksView extends VerticalLayout implements HasDynamicTitle {

    private final TaskService tasks;
    private final UserService users;
    private final Tab overdue = new Tab();
    private final Tab today = new Tab();
    private final Tab upcoming = new Tab();
    private final Tab done = new Tab();
    private final Tabs tabs = new Tabs(overdue, today, upcoming, done);
    private final Grid<Task> grid = new Grid<>();
    /** What the grid lists, kept for the export, which runs outside the UI's session lock. */
    private volatile List<Task> shown = List.of();

    public TasksView(TaskService tasks, UserService users) {
        this.tasks = tasks;
        this.users = users;
        setSizeFull();
        H2 title = new H2(getTranslation("nav.tasks"));
        title.addClassName("funnel-view-title");
        tabs.addSelectedChangeListener(e -> refresh());
        grid.addColumn(t -> t.title(getLocale())).setHeader(getTranslation("task.title")).setFlexGrow(3);
        grid.addComponentColumn(t -> t.opportunityId() == null ? new Span()
                        : new RouterLink(t.opportunityName(), OpportunityView.class,
                                new RouteParameters("id", String.valueOf(t.opportunityId()))))
                .setHeader(getTranslation("task.opportunity")).setFlexGrow(2);
        grid.addColumn(t -> t.stageName(getLocale())).setHeader(getTranslation("opportunity.stage"));
        grid.addColumn(t -> Formats.date(t.dueDate(), getLocale())).setHeader(getTranslation("task.due"));
        grid.addColumn(t -> t.required() ? getTranslation("task.required") : "").setHeader("");
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        // the export writes the tab on show, as the grid lists it
        ExportMenu<Task> export = new ExportMenu<>("tasks", () -> List.of(
                new ExportColumn<>(getTranslation("task.title"), t -> t.title(getLocale())),
                new ExportColumn<>(getTranslation("task.opportunity"), Task::opportunityName),
                new ExportColumn<>(getTranslation("opportunity.stage"), t -> t.stageName(getLocale())),
                new ExportColumn<>(getTranslation("task.due"), Task::dueDate),
                new ExportColumn<>(getTranslation("task.required"), Task::required)),
                page -> shown.stream().skip(page.offset()).limit(page.limit()).toList());
        add(new HorizontalLayout(title, tabs, export), grid);
        expand(grid);
        refresh();
    }

    private void refresh() {
        LocalDate now = tasks.today();
        List<Task> open = tasks.mine(Task.Status.OPEN);
        overdue.setLabel(getTranslation("task.overdue", count(open, t -> t.dueDate().isBefore(now))));
        today.setLabel(getTranslation("task.today", count(open, t -> t.dueDate().isEqual(now))));
        upcoming.setLabel(getTranslation("task.upcoming", count(open, t -> t.dueDate().isAfter(now))));
        done.setLabel(getTranslation("task.done"));
        Tab selected = tabs.getSelectedTab();
        if (selected == done) {
            shown = tasks.mine(Task.Status.DONE);
        } else {
            Predicate<Task> due = selected == overdue ? t -> t.dueDate().isBefore(now)
                    : selected == today ? t -> t.dueDate().isEqual(now) : t -> t.dueDate().isAfter(now);
            shown = open.stream().filter(due).toList();
        }
        grid.setItems(shown);
    }

    private static long count(List<Task> open, Predicate<Task> which) {
        return open.stream().filter(which).count();
    }

    private HorizontalLayout actions(Task task) {
        if (task.status() != Task.Status.OPEN) {
            return new HorizontalLayout();
        }
        Button complete = new Button(getTranslation("task.complete"), e -> openComplete(task));
        complete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        Button reschedule = new Button(getTranslation("task.reschedule"), e -> openReschedule(task));
        reschedule.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(complete, reschedule);
    }

    private void openComplete(Task task) {
        TextField note = new TextField(getTranslation("task.note"));
        note.setWidthFull();
        FormDialogs.open(task.title(getLocale()), new FormLayout(note), new FieldErrors(this).bind("note", note),
                () -> tasks.complete(task.id(), task.version(), note.getValue()), this::refresh);
    }

    private void openReschedule(Task task) {
        ComboBox<UserSummary> assignee = new ComboBox<>(getTranslation("task.assignee"), users.assignableOwners());
        assignee.setItemLabelGenerator(UserSummary::fullName);
        assignee.getListDataView().getItems().filter(u -> u.id() == task.assigneeId()).findFirst()
                .ifPresent(assignee::setValue);
        DatePicker due = new DatePicker(getTranslation("task.due"), task.dueDate());
        FormDialogs.open(task.title(getLocale()), new FormLayout(assignee, due),
                new FieldErrors(this).bind("assigneeId", assignee).bind("dueDate", due),
                () -> tasks.reschedule(task.id(), task.version(), assignee.getValue() == null ? null
                        : assignee.getValue().id(), due.getValue()), this::refresh);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.tasks") + " · " + getTranslation("app.name");
    }
}
