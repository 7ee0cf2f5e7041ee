package dev.funnel.shell;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import dev.funnel.analytics.ui.ForecastView;
import dev.funnel.analytics.ui.PipelineReviewView;
import dev.funnel.review.ui.ReviewsView;
import dev.funnel.analytics.ui.ReportsView;
import dev.funnel.analytics.ui.TargetsView;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.notification.Notification;
import dev.funnel.audit.ui.AuditView;
import dev.funnel.automation.ui.AutomationView;
import dev.funnel.identity.EmailChoice;
import dev.funnel.notification.NotificationService;
import dev.funnel.notification.UnreadCounts;
import dev.funnel.notification.ui.NotificationBell;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.funnel.customer.ui.CustomersView;
import dev.funnel.customer.ui.PoolView;
import dev.funnel.followup.ui.FollowUpsView;
import dev.funnel.order.ui.OrdersView;
import dev.funnel.support.ui.ServiceRequestsView;
import dev.funnel.importexport.ui.ImportView;
import dev.funnel.notification.ui.NotificationsView;
import dev.funnel.pipeline.ui.RegistrationsView;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.UserService;
import dev.funnel.identity.ui.ApiTokensView;
import dev.funnel.identity.ui.UsersView;
import dev.funnel.pipeline.ui.BoardView;
import dev.funnel.pipeline.ui.OpportunitiesView;
import dev.funnel.pipeline.ui.TasksView;
import dev.funnel.currency.ui.CurrenciesView;
import dev.funnel.home.ui.HomeView;
import dev.funnel.pipeline.ui.admin.ListsView;
import dev.funnel.pipeline.ui.admin.SalesProcessView;
import dev.funnel.platform.Messages;
import dev.funnel.plugin.ui.PluginsView;
import dev.funnel.scoring.ui.ScoringView;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;

/**
 * The frame around every page: side navigation in groups, showing only what the user's role may open, the
 * notification bell, and the user menu (language, log out).
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(UserService users, AuthenticationContext authentication, NotificationService notifications,
                      UnreadCounts unreadCounts) {
        CurrentUser me = users.current();
        H1 brand = new H1(getTranslation("app.name"));
        brand.addClassName("funnel-brand");
        addToDrawer(brand, new Scroller(navigation(me)));
        setPrimarySection(Section.DRAWER);

        Span spacer = new Span();
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), spacer,
                new NotificationBell(notifications, unreadCounts, me.id()), userMenu(me, users, authentication));
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(spacer);
        bar.addClassName("funnel-navbar");
        addToNavbar(bar);
    }

    private VerticalLayout navigation(CurrentUser me) {
        SideNav work = group("nav.group.work");
        work.addItem(new SideNavItem(getTranslation("nav.home"), HomeView.class, VaadinIcon.HOME.create()));
        work.addItem(new SideNavItem(getTranslation("nav.tasks"), TasksView.class, VaadinIcon.CHECK_SQUARE_O.create()));
        work.addItem(new SideNavItem(getTranslation("nav.pipeline"), BoardView.class, VaadinIcon.GRID_BIG.create()));
        work.addItem(new SideNavItem(getTranslation("nav.opportunities"), OpportunitiesView.class,
                VaadinIcon.FUNNEL.create()));
        work.addItem(new SideNavItem(getTranslation("nav.customers"), CustomersView.class,
                VaadinIcon.BUILDING.create()));
        work.addItem(new SideNavItem(getTranslation("nav.follow-ups"), FollowUpsView.class,
                VaadinIcon.COMMENTS_O.create()));
        work.addItem(new SideNavItem(getTranslation("nav.orders"), OrdersView.class, VaadinIcon.FILE_TEXT_O.create()));
        work.addItem(new SideNavItem(getTranslation("nav.service-requests"), ServiceRequestsView.class,
                VaadinIcon.WRENCH.create()));
        work.addItem(new SideNavItem(getTranslation("nav.pool"), PoolView.class, VaadinIcon.CLUSTER.create()));
        work.addItem(new SideNavItem(getTranslation("nav.registrations"), RegistrationsView.class,
                VaadinIcon.HANDSHAKE.create()));
        work.addItem(new SideNavItem(getTranslation("nav.notifications"), NotificationsView.class,
                VaadinIcon.BELL_O.create()));
        SideNav insights = group("nav.group.insights");
        insights.addItem(new SideNavItem(getTranslation("nav.reports"), ReportsView.class,
                VaadinIcon.CHART.create()));
        insights.addItem(new SideNavItem(getTranslation("nav.review"), PipelineReviewView.class,
                VaadinIcon.CHART_TIMELINE.create()));
        if (me.isManager()) {
            insights.addItem(new SideNavItem(getTranslation("nav.meetings"), ReviewsView.class,
                    VaadinIcon.GROUP.create()));
        }
        insights.addItem(new SideNavItem(getTranslation("nav.forecast"), ForecastView.class,
                VaadinIcon.TRENDING_UP.create()));
        insights.addItem(new SideNavItem(getTranslation("nav.targets"), TargetsView.class,
                VaadinIcon.FLAG_CHECKERED.create()));
        VerticalLayout groups = new VerticalLayout(work, insights);
        // the Admin group shows what the role may open: everything to administrators, the import to managers
        if (me.isManager()) {
            SideNav admin = group("nav.group.admin");
            if (me.isAdmin()) {
                admin.addItem(new SideNavItem(getTranslation("nav.process"), SalesProcessView.class,
                        VaadinIcon.SITEMAP.create()));
                admin.addItem(new SideNavItem(getTranslation("nav.users"), UsersView.class,
                        VaadinIcon.USERS.create()));
                admin.addItem(new SideNavItem(getTranslation("nav.lists"), ListsView.class, VaadinIcon.LIST.create()));
                admin.addItem(new SideNavItem(getTranslation("nav.currencies"), CurrenciesView.class,
                        VaadinIcon.MONEY_EXCHANGE.create()));
            }
            admin.addItem(new SideNavItem(getTranslation("nav.import"), ImportView.class, VaadinIcon.UPLOAD.create()));
            if (me.isAdmin()) {
                admin.addItem(new SideNavItem(getTranslation("nav.plugins"), PluginsView.class,
                        VaadinIcon.PLUG.create()));
                admin.addItem(new SideNavItem(getTranslation("nav.scoring"), ScoringView.class,
                        VaadinIcon.TRENDING_UP.create()));
                admin.addItem(new SideNavItem(getTranslation("nav.automation"), AutomationView.class,
                        VaadinIcon.AUTOMATION.create()));
                admin.addItem(new SideNavItem(getTranslation("nav.audit"), AuditView.class,
                        VaadinIcon.RECORDS.create()));
            }
            groups.add(admin);
        }
        groups.setPadding(false);
        return groups;
    }

    private SideNav group(String labelKey) {
        SideNav group = new SideNav(getTranslation(labelKey));
        group.setCollapsible(true);
        group.setWidthFull();
        return group;
    }

    private MenuBar userMenu(CurrentUser me, UserService users, AuthenticationContext authentication) {
        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        var root = menu.addItem(me.fullName());
        root.setId("user-menu");
        SubMenu sub = root.getSubMenu();
        SubMenu language = sub.addItem(getTranslation("menu.language")).getSubMenu();
        language.addItem("中文", e -> switchTo(Messages.CHINESE, users));
        language.addItem("English", e -> switchTo(Messages.ENGLISH, users));
        SubMenu email = sub.addItem(getTranslation("menu.email")).getSubMenu();
        EmailChoice chosen = users.myEmailChoice();
        for (EmailChoice choice : EmailChoice.values()) {
            String label = getTranslation("menu.email." + choice.name().toLowerCase(Locale.ROOT));
            var item = email.addItem(label, e -> {
                users.changeEmailChoice(choice);
                email.getItems().forEach(other -> other.setChecked(other == e.getSource()));
                Notification.show(getTranslation("menu.email.saved", label));
            });
            item.setCheckable(true);
            item.setChecked(choice == chosen);
            item.setId("email-choice-" + choice.name().toLowerCase(Locale.ROOT));
        }
        sub.addItem(getTranslation("tokens.title"), e -> getUI().ifPresent(ui -> ui.navigate(ApiTokensView.class)))
                .setId("menu-tokens");
        sub.addItem(getTranslation("calendar.title"),
                        e -> getUI().ifPresent(ui -> ui.navigate(dev.funnel.calendar.ui.CalendarFeedView.class)))
                .setId("menu-calendar");
        sub.addItem(getTranslation("menu.logout"), e -> authentication.logout());
        return menu;
    }

    private void switchTo(Locale locale, UserService users) {
        users.changeLanguage(locale);
        getUI().ifPresent(ui -> {
            ui.getSession().setLocale(locale);
            ui.setLocale(locale);
            ui.getPage().reload();
        });
    }
}
