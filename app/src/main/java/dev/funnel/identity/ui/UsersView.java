package dev.funnel.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.identity.NewTeam;
import dev.funnel.identity.NewUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.SignInSource;
import dev.funnel.identity.UserChanges;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.ExportColumn;
import dev.funnel.platform.ui.ExportMenu;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.stream.Collectors;

/** Admin &gt; Users and teams: who may sign in, in which team, with which roles. */
@Route("admin/users")
@RolesAllowed(Role.Names.ADMIN)
public class UsersView extends VerticalLayout implements HasDynamicTitle {

    private final UserService users;
    private final TeamService teams;
    private final Grid<UserSummary> userGrid = new Grid<>();
    private final Grid<Team> teamGrid = new Grid<>();
    private java.util.Map<String, java.time.Instant> pauses = java.util.Map.of();

    public UsersView(UserService users, TeamService teams) {
        this.users = users;
        this.teams = teams;
        setSizeFull();
        H2 title = new H2(getTranslation("nav.users"));
        title.addClassName("funnel-view-title");
        Button create = new Button(getTranslation("user.new"), VaadinIcon.PLUS.create(), e -> openNewUser());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button createTeam = new Button(getTranslation("team.new"), VaadinIcon.PLUS.create(), e -> openNewTeam());
        ExportMenu<UserSummary> export = new ExportMenu<>("users", () -> List.of(
                new ExportColumn<>(getTranslation("user.full-name"), UserSummary::fullName),
                new ExportColumn<>(getTranslation("user.username"), UserSummary::username),
                new ExportColumn<>(getTranslation("user.team"), UserSummary::teamName),
                new ExportColumn<>(getTranslation("user.roles"), this::roles)),
                page -> users.list().stream().skip(page.offset()).limit(page.limit()).toList());
        HorizontalLayout toolbar = new HorizontalLayout(title, create, createTeam, export);
        toolbar.addClassName("funnel-toolbar");

        // first and frozen: on a phone the grid scrolls sideways, and the way to edit must stay in view
        userGrid.addComponentColumn(this::editButton).setKey("edit").setAutoWidth(true).setFlexGrow(0)
                .setFrozen(true);
        userGrid.addColumn(UserSummary::fullName).setHeader(getTranslation("user.full-name"));
        userGrid.addColumn(UserSummary::username).setHeader(getTranslation("user.username"));
        userGrid.addColumn(UserSummary::teamName).setHeader(getTranslation("user.team"));
        userGrid.addColumn(this::roles).setHeader(getTranslation("user.roles"));
        userGrid.addColumn(u -> getTranslation("user.source." + u.signInSource().name()))
                .setHeader(getTranslation("user.source")).setAutoWidth(true).setFlexGrow(0);
        userGrid.addComponentColumn(this::signInState).setHeader(getTranslation("user.sign-in"))
                .setAutoWidth(true).setFlexGrow(0);
        userGrid.addItemDoubleClickListener(e -> openEdit(e.getItem()));
        userGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);

        teamGrid.addColumn(Team::name).setHeader(getTranslation("team.name"));
        teamGrid.addColumn(t -> parentName(t)).setHeader(getTranslation("team.parent"));
        teamGrid.addColumn(Team::managerName).setHeader(getTranslation("team.manager"));
        teamGrid.addColumn(Team::memberCount).setHeader(getTranslation("team.members"));
        teamGrid.addComponentColumn(this::teamEditButton).setKey("edit").setAutoWidth(true).setFlexGrow(0);
        teamGrid.addItemDoubleClickListener(e -> openTeam(e.getItem()));
        teamGrid.addThemeVariants(GridVariant.LUMO_COMPACT);

        add(toolbar, userGrid, new H3(getTranslation("team.title")), teamGrid);
        refresh();
    }

    private String roles(UserSummary user) {
        return user.roles().stream().map(r -> getTranslation("role." + r.name())).sorted()
                .collect(Collectors.joining(", "));
    }

    private Button editButton(UserSummary user) {
        Button edit = new Button(VaadinIcon.EDIT.create(), e -> openEdit(user));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE);
        edit.setAriaLabel(getTranslation("user.edit") + ": " + user.fullName());
        edit.setTooltipText(getTranslation("user.edit"));
        return edit;
    }

    /**
     * Name, address, team, roles and whether the account may sign in. A directory or single sign-on account's
     * roles are shown but not editable: its groups set them again at every sign-in.
     */
    private void openEdit(UserSummary user) {
        TextField fullName = new TextField(getTranslation("user.full-name"));
        fullName.setValue(user.fullName());
        EmailField email = new EmailField(getTranslation("user.email"));
        email.setValue(user.email() == null ? "" : user.email());
        List<Team> teamChoices = teams.list();
        ComboBox<Team> team = new ComboBox<>(getTranslation("user.team"), teamChoices);
        team.setItemLabelGenerator(Team::name);
        team.setClearButtonVisible(true);
        teamChoices.stream().filter(t -> user.teamId() != null && t.id() == user.teamId()).findFirst()
                .ifPresent(team::setValue);
        CheckboxGroup<Role> roles = new CheckboxGroup<>(getTranslation("user.roles"), Role.values());
        roles.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        roles.setValue(user.roles());
        boolean external = user.signInSource() != SignInSource.LOCAL;
        if (external) {
            roles.setReadOnly(true);
            roles.setHelperText(getTranslation("user.roles.from-sign-in"));
        }
        Checkbox enabled = new Checkbox(getTranslation("user.enabled"), user.enabled());
        FieldErrors errors = new FieldErrors(this).bind("fullName", fullName).bind("email", email)
                .bind("teamId", team).bind("roles", roles).bind("enabled", enabled);
        FormLayout form = new FormLayout(fullName, email, team, roles, enabled);
        FormDialogs.open(getTranslation("user.edit") + " · " + user.username(), form, errors,
                () -> users.update(user.id(), new UserChanges(fullName.getValue(), email.getValue(),
                        team.getValue() == null ? null : team.getValue().id(), external ? null : roles.getValue(),
                        enabled.getValue(), user.version())),
                this::refresh);
    }

    /** A paused account shows until when, with the administrator's way to lift the pause. */
    private com.vaadin.flow.component.Component signInState(UserSummary user) {
        if (!user.enabled()) {
            return new com.vaadin.flow.component.html.Span(getTranslation("user.disabled"));
        }
        return java.util.Optional.ofNullable(pauses.get(user.username().toLowerCase(java.util.Locale.ROOT)))
                .<com.vaadin.flow.component.Component>map(until -> {
            String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                    .format(until.atZone(java.time.ZoneId.systemDefault()));
            Button unlock = new Button(getTranslation("user.sign-in.unlock"), VaadinIcon.UNLOCK.create(), e -> {
                users.unlockSignIn(user.username());
                refresh();
            });
            unlock.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            HorizontalLayout state = new HorizontalLayout(
                    new com.vaadin.flow.component.html.Span(getTranslation("user.sign-in.paused", time)), unlock);
            state.setAlignItems(Alignment.CENTER);
            return state;
        }).orElseGet(() -> new com.vaadin.flow.component.html.Span(getTranslation("user.sign-in.open")));
    }

    private String parentName(Team team) {
        return teamGrid.getListDataView().getItems().filter(t -> team.parentId() != null && t.id() == team.parentId())
                .map(Team::name).findFirst().orElse("");
    }

    private void refresh() {
        pauses = users.signInPauses();
        userGrid.setItems(users.list());
        teamGrid.setItems(teams.list());
    }

    private void openNewUser() {
        TextField username = new TextField(getTranslation("user.username"));
        TextField fullName = new TextField(getTranslation("user.full-name"));
        EmailField email = new EmailField(getTranslation("user.email"));
        PasswordField password = new PasswordField(getTranslation("user.password"));
        ComboBox<Team> team = new ComboBox<>(getTranslation("user.team"), teams.list());
        team.setItemLabelGenerator(Team::name);
        CheckboxGroup<Role> roles = new CheckboxGroup<>(getTranslation("user.roles"), Role.values());
        roles.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        FieldErrors errors = new FieldErrors(this).bind("username", username).bind("fullName", fullName)
                .bind("email", email).bind("password", password).bind("teamId", team).bind("roles", roles);
        FormDialogs.open(getTranslation("user.new"), new FormLayout(username, fullName, email, password, team, roles),
                errors, () -> users.create(new NewUser(username.getValue(), fullName.getValue(), email.getValue(),
                        password.getValue(), team.getValue() == null ? null : team.getValue().id(), roles.getValue())),
                this::refresh);
    }

    private void openNewTeam() {
        openTeam(null);
    }

    private Button teamEditButton(Team team) {
        Button edit = new Button(VaadinIcon.EDIT.create(), e -> openTeam(team));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE);
        edit.setAriaLabel(getTranslation("team.edit") + ": " + team.name());
        edit.setTooltipText(getTranslation("team.edit"));
        return edit;
    }

    /**
     * A new team, or a team renamed, moved under another or given another manager (null: a new one). Moving a team
     * changes whose records its manager and the managers above see, at once.
     */
    void openTeam(Team editing) {
        TextField name = new TextField(getTranslation("team.name"));
        List<Team> all = teams.list();
        ComboBox<Team> parent = new ComboBox<>(getTranslation("team.parent"),
                all.stream().filter(t -> editing == null || t.id() != editing.id()).toList());
        parent.setItemLabelGenerator(Team::name);
        parent.setClearButtonVisible(true);
        List<UserSummary> people = users.list();
        ComboBox<UserSummary> manager = new ComboBox<>(getTranslation("team.manager"), people);
        manager.setItemLabelGenerator(UserSummary::fullName);
        manager.setClearButtonVisible(true);
        if (editing != null) {
            name.setValue(editing.name());
            all.stream().filter(t -> editing.parentId() != null && t.id() == editing.parentId()).findFirst()
                    .ifPresent(parent::setValue);
            people.stream().filter(u -> editing.managerId() != null && u.id() == editing.managerId()).findFirst()
                    .ifPresent(manager::setValue);
        }
        FieldErrors errors = new FieldErrors(this).bind("name", name).bind("parentId", parent)
                .bind("managerId", manager);
        FormDialogs.open(getTranslation(editing == null ? "team.new" : "team.edit"),
                new FormLayout(name, parent, manager), errors, () -> {
                    NewTeam team = new NewTeam(name.getValue(), parent.getValue() == null ? null
                            : parent.getValue().id(), manager.getValue() == null ? null : manager.getValue().id());
                    if (editing == null) {
                        teams.create(team);
                    } else {
                        teams.update(editing.id(), team, editing.version());
                    }
                }, this::refresh);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.users") + " · " + getTranslation("app.name");
    }
}
