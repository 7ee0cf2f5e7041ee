package dev.funnel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerFilter;
import dev.funnel.customer.CustomerService;
import dev.funnel.customer.ui.CustomerForm;
import dev.funnel.customer.ui.CustomersView;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.identity.Team;
import dev.funnel.pipeline.OpportunityFilter;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.ui.LoginView;
import dev.funnel.identity.ui.UsersView;
import dev.funnel.pipeline.ui.OpportunitiesView;
import dev.funnel.plugin.ui.PluginsView;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.KaribuTest;
import dev.funnel.testsupport.TestData;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ViewsTest extends KaribuTest {

    @Autowired
    CustomerService customers;
    @Autowired
    TeamService teams;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    dev.funnel.identity.UserService users;

    @Test
    void an_anonymous_visitor_is_sent_to_the_login_page() {
        UI.getCurrent().navigate(OpportunitiesView.class);

        _get(LoginView.class);
    }

    @Test
    void the_login_page_tells_a_pause_and_an_outage_from_a_wrong_password() {
        var session = com.vaadin.flow.server.VaadinServletRequest.getCurrent().getHttpServletRequest()
                .getSession(true);
        session.setAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION,
                new org.springframework.security.authentication.BadCredentialsException("wrong"));
        UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("error", "1"));
        assertThat(loginError())
                .contains("not correct");

        session.setAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION,
                new dev.funnel.identity.SignInThrottledException(java.time.Duration.ofSeconds(42)));
        UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("error", "2"));
        assertThat(loginError())
                .contains("42 seconds");

        session.setAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION,
                new org.springframework.security.authentication.InternalAuthenticationServiceException("down",
                        new org.springframework.jdbc.CannotGetJdbcConnectionException("pool timed out")));
        UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("error", "3"));
        assertThat(loginError())
                .contains("database cannot be reached");
    }

    /** The login form's texts as the browser receives them. */
    private static String loginError() {
        return String.valueOf(_get(com.vaadin.flow.component.login.LoginForm.class).getElement()
                .getPropertyRaw("i18n"));
    }

    @Test
    void a_rep_sees_work_pages_but_not_admin_pages() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        login(rep.username());
        UI.getCurrent().navigate(OpportunitiesView.class);

        _get(OpportunitiesView.class);
        List<String> navigation = _find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList();
        assertThat(navigation).contains("Opportunities", "Customers")
                .doesNotContain("Plugins", "Users and teams", "Import");

        UI.getCurrent().navigate(PluginsView.class);
        // the router refuses: an error page is shown instead (Karibu's finders would fail on it, so look directly)
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain())
                .noneMatch(PluginsView.class::isInstance)
                .noneMatch(dev.funnel.shell.MainLayout.class::isInstance);
    }

    @Test
    void a_manager_sees_the_import_but_not_the_other_admin_pages() {
        login(data.user(Role.SALES_MANAGER, null).username());
        UI.getCurrent().navigate(OpportunitiesView.class);

        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList())
                .contains("Import").doesNotContain("Plugins", "Users and teams", "Sales process");
    }

    @Test
    void an_admin_sees_the_admin_pages_and_the_loaded_plugin() {
        login("admin");
        UI.getCurrent().navigate(PluginsView.class);

        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList())
                .contains("Plugins", "Users and teams");
        @SuppressWarnings("unchecked")
        Grid<dev.funnel.plugin.PluginInfo> grid = _get(PluginsView.class).getChildren()
                .filter(Grid.class::isInstance).map(Grid.class::cast).findFirst().orElseThrow();
        assertThat(java.util.stream.IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i).id()))
                .contains("stage-templates", "webhooks", "deal-grade");
    }

    @Test
    void creating_a_customer_through_the_form_stores_it_and_lists_it() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        login(rep.username());
        UI.getCurrent().navigate(CustomersView.class);
        String name = TestData.unique("杭州恒信物流有限公司");

        _click(_get(Button.class, spec -> spec.withText("New customer")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Name")), name);
        _click(_get(Button.class, spec -> spec.withText("Save")));

        assertThat(_find(CustomerForm.class)).isEmpty();
        List<Customer> stored = customers.list(new CustomerFilter(name, null), PageRequest.of(0, 5)).items();
        assertThat(stored).extracting(Customer::ownerId).containsExactly(rep.id());
        @SuppressWarnings("unchecked")
        Grid<Customer> grid = _get(Grid.class);
        _setValue(_get(TextField.class, spec -> spec.withPlaceholder("Search by name or credit code")), name);
        assertThat(GridKt._size(grid)).isEqualTo(1);
    }

    @Test
    void a_look_alike_of_another_reps_customer_is_shown_before_saving_and_a_second_save_creates_it() {
        UserSummary owner = data.user(Role.SALES_REP, null);
        String base = TestData.unique("苏州华信精密");
        data.as(owner.username(), () -> customers.create(dev.funnel.customer.CustomerDraft.named(base + "有限公司")));
        UserSummary rep = data.user(Role.SALES_REP, null);
        login(rep.username());
        UI.getCurrent().navigate(CustomersView.class);

        _click(_get(Button.class, spec -> spec.withText("New customer")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Name")), base + " Co., Ltd.");
        _click(_get(Button.class, spec -> spec.withText("Save")));

        assertThat(_find(CustomerForm.class)).hasSize(1);
        assertThat(_get(com.vaadin.flow.component.html.Span.class,
                spec -> spec.withText(base + "有限公司 · Owner: " + owner.fullName() + " · same name"))).isNotNull();
        assertThat(customers.list(new CustomerFilter(base, null), PageRequest.of(0, 5)).items()).isEmpty();

        _click(_get(Button.class, spec -> spec.withText("Save")));
        assertThat(_find(CustomerForm.class)).isEmpty();
        assertThat(customers.list(new CustomerFilter(base, null), PageRequest.of(0, 5)).items()).hasSize(1);
    }

    @Test
    void validation_errors_appear_next_to_the_fields_and_the_form_stays_open() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        login(rep.username());
        UI.getCurrent().navigate(CustomersView.class);

        _click(_get(Button.class, spec -> spec.withText("New customer")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Unified social credit code")), "91310000MA1FL00010");
        _click(_get(Button.class, spec -> spec.withText("Save")));

        _get(CustomerForm.class);
        TextField name = _get(TextField.class, spec -> spec.withLabel("Name"));
        TextField code = _get(TextField.class, spec -> spec.withLabel("Unified social credit code"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Required");
        assertThat(code.isInvalid()).isTrue();
        assertThat(code.getErrorMessage()).contains("GB 32100-2015");
    }

    @Test
    void an_admin_creates_a_team_from_the_users_and_teams_page() {
        login("admin");
        UI.getCurrent().navigate(UsersView.class);
        String name = TestData.unique("华南大区");

        _click(_get(Button.class, spec -> spec.withText("New team")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Team")), name);
        _click(_get(Button.class, spec -> spec.withText("Save")));

        assertThat(teams.list()).extracting(Team::name).contains(name);
        @SuppressWarnings("unchecked")
        Grid<Team> teamGrid = _find(Grid.class).stream().filter(g -> GridKt._size(g) > 0
                && GridKt._get(g, 0) instanceof Team).findFirst().orElseThrow();
        assertThat(GridKt._findAll(teamGrid)).extracting(Team::name).contains(name);
    }

    @Test
    void an_admin_moves_a_team_under_another_and_may_not_put_it_under_its_own_sub_team() {
        login("admin");
        Team region = teams.create(new dev.funnel.identity.NewTeam(TestData.unique("华中大区"), null, null));
        Team city = teams.create(new dev.funnel.identity.NewTeam(TestData.unique("武汉组"), null, null));
        UI.getCurrent().navigate(UsersView.class);
        @SuppressWarnings("unchecked")
        Grid<Team> teamGrid = _find(Grid.class).stream().filter(g -> GridKt._size(g) > 0
                && GridKt._get(g, 0) instanceof Team).findFirst().orElseThrow();

        _click((Button) GridKt._getCellComponent(teamGrid,
                GridKt._findAll(teamGrid).stream().map(Team::id).toList().indexOf(city.id()), "edit"));
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.combobox.ComboBox<Team> parent = _get(
                com.vaadin.flow.component.combobox.ComboBox.class, spec -> spec.withLabel("Parent team"));
        parent.setValue(parent.getListDataView().getItems().filter(t -> t.id() == region.id()).findFirst()
                .orElseThrow());
        _click(_get(Button.class, spec -> spec.withText("Save")));
        assertThat(teams.list()).filteredOn(t -> t.id() == city.id()).singleElement()
                .satisfies(t -> assertThat(t.parentId()).isEqualTo(region.id()));

        // the region under its own sub-team would make a loop: refused, naming the field
        _click((Button) GridKt._getCellComponent(teamGrid,
                GridKt._findAll(teamGrid).stream().map(Team::id).toList().indexOf(region.id()), "edit"));
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.combobox.ComboBox<Team> regionParent = _get(
                com.vaadin.flow.component.combobox.ComboBox.class, spec -> spec.withLabel("Parent team"));
        regionParent.setValue(regionParent.getListDataView().getItems().filter(t -> t.id() == city.id())
                .findFirst().orElseThrow());
        _click(_get(Button.class, spec -> spec.withText("Save")));
        assertThat(regionParent.isInvalid()).isTrue();
        assertThat(regionParent.getErrorMessage()).contains("sub-teams");
        assertThat(teams.list()).filteredOn(t -> t.id() == region.id()).singleElement()
                .satisfies(t -> assertThat(t.parentId()).isNull());
    }

    @Test
    void an_admin_puts_a_user_in_a_team_and_disables_the_account_from_the_edit_dialog() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        login("admin");
        Team team = teams.create(new dev.funnel.identity.NewTeam(TestData.unique("西南大区"), null, null));
        UI.getCurrent().navigate(UsersView.class);
        @SuppressWarnings("unchecked")
        Grid<UserSummary> userGrid = _find(Grid.class).stream().filter(g -> GridKt._size(g) > 0
                && GridKt._get(g, 0) instanceof UserSummary).findFirst().orElseThrow();
        int row = GridKt._findAll(userGrid).stream().map(UserSummary::id).toList().indexOf(rep.id());

        _click((Button) GridKt._getCellComponent(userGrid, row, "edit"));
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.combobox.ComboBox<Team> teamBox = _get(
                com.vaadin.flow.component.combobox.ComboBox.class, spec -> spec.withLabel("Team"));
        teamBox.setValue(teamBox.getListDataView().getItems().filter(t -> t.id() == team.id()).findFirst()
                .orElseThrow());
        _get(com.vaadin.flow.component.checkbox.Checkbox.class, spec -> spec.withLabel("May sign in"))
                .setValue(false);
        _click(_get(Button.class, spec -> spec.withText("Save")));

        UserSummary saved = users.list().stream().filter(u -> u.id() == rep.id()).findFirst().orElseThrow();
        assertThat(saved.teamId()).isEqualTo(team.id());
        assertThat(saved.enabled()).isFalse();
        assertThat(GridKt._findAll(userGrid).stream().filter(u -> u.id() == rep.id()).findFirst().orElseThrow()
                .teamName()).isEqualTo(team.name());
    }

    @Test
    void a_new_opportunity_started_from_a_customer_is_created_for_that_customer() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        data.pipeline(); // somewhere for the new deal to start
        Customer customer = data.customerOf(rep);
        login(rep.username());
        String name = TestData.unique("二期扩容");

        UI.getCurrent().navigate("opportunities", com.vaadin.flow.router.QueryParameters.of("customer",
                String.valueOf(customer.id())));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Opportunity")), name);
        _click(_get(Button.class, spec -> spec.withText("Save")));

        var created = opportunities.list(new OpportunityFilter(name, null, null, null, null), PageRequest.of(0, 5))
                .items();
        assertThat(created).extracting(o -> o.customerId()).containsExactly(customer.id());
    }

    @Test
    void the_opportunity_form_flags_missing_fields_before_asking_the_server() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        login(rep.username());
        UI.getCurrent().navigate(dev.funnel.pipeline.ui.OpportunitiesView.class);
        long before = opportunities.count(OpportunityFilter.none());

        _click(_get(Button.class, spec -> spec.withText("New opportunity")));
        _click(_get(Button.class, spec -> spec.withText("Save")));

        TextField name = _get(TextField.class, spec -> spec.withLabel("Opportunity"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Required");
        assertThat(opportunities.count(OpportunityFilter.none())).isEqualTo(before);
    }

    @Test
    void the_page_speaks_chinese_when_the_user_chose_chinese() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        login(rep.username());
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        UI.getCurrent().navigate(CustomersView.class);

        _get(Button.class, spec -> spec.withText("新建客户"));
        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList()).contains("商机", "客户");
    }
}
