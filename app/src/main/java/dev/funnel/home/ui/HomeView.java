package dev.funnel.home.ui;

import dev.funnel.platform.Texts;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.analytics.FunnelReport;
import dev.funnel.analytics.TargetProgress;
import dev.funnel.home.Home;
import dev.funnel.home.HomeService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.DealTotals;
import dev.funnel.pipeline.OwnerCount;
import dev.funnel.platform.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The home page (工作台): today's work for the person signed in, each figure a link to the list it counts. Reps
 * see their tasks, stalled deals, deals closing this month and target; managers also their team.
 */
@Route("")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class HomeView extends VerticalLayout implements HasDynamicTitle {

    final Div mine = new Div();
    final Div team = new Div();

    public HomeView(HomeService homes, UserService users) {
        addClassName("funnel-home");
        Home home = homes.home();
        long me = users.current().id();
        H2 title = new H2(getTranslation("home.title", users.current().fullName()));
        title.addClassName("funnel-view-title");
        add(title);

        Home.MyDay day = home.mine();
        mine.addClassName("funnel-home-tiles");
        mine.add(tile("home.tasks.overdue", String.valueOf(day.tasksOverdue()), "tasks", day.tasksOverdue() > 0),
                tile("home.tasks.today", String.valueOf(day.tasksDueToday()), "tasks", false),
                deals("home.stalled", day.stalled(), "opportunities?stalled=true&owner=" + me, true),
                deals("home.closing", day.closingThisMonth(), "opportunities?closeFrom=" + home.monthStart()
                        + "&closeTo=" + home.monthEnd() + "&owner=" + me, false));
        day.targets().forEach(t -> mine.add(target(t)));
        if (day.targets().isEmpty()) {
            mine.add(tile("home.target", getTranslation("home.target.none"), "targets", false));
        }
        add(section("home.mine", mine));
        home.team().ifPresent(view -> add(section("home.team", team(view))));
    }

    private Div team(Home.TeamView view) {
        team.addClassName("funnel-home-tiles");
        team.add(funnel(view.funnel()));
        Div stalled = card("home.stalled-by-rep", "opportunities?stalled=true");
        if (view.stalledByRep().isEmpty()) {
            stalled.add(new Span(getTranslation("home.stalled-by-rep.none")));
        }
        for (OwnerCount rep : view.stalledByRep()) {
            Anchor row = new Anchor("opportunities?stalled=true&owner=" + rep.ownerId(),
                    rep.ownerName() + " · " + rep.count());
            row.addClassName("funnel-home-row");
            stalled.add(row);
        }
        team.add(stalled);
        Div forecast = card("home.forecast", "forecast");
        forecast.add(figure(Formats.compactMoney(view.forecast(), view.currency(), getLocale())),
                new Span(getTranslation("home.forecast.won", Formats.compactMoney(view.closedWon(), view.currency(),
                        getLocale()))));
        view.quarterTargets().forEach(t -> forecast.add(targetLine(t)));
        if (view.quarterTargets().isEmpty()) {
            forecast.add(new Span(getTranslation("home.target.none.quarter")));
        }
        team.add(forecast);
        team.add(tile("home.registrations", String.valueOf(view.registrationsWaiting()), "registrations",
                view.registrationsWaiting() > 0));
        return team;
    }

    private Component funnel(FunnelReport report) {
        Div card = card("home.funnel", "reports");
        long widest = Math.max(1, report.stages().stream().mapToLong(FunnelReport.Level::count).max().orElse(1));
        report.stages().forEach(level -> card.add(bar(Texts.pick(getLocale(), level.nameEn(), level.nameZh()),
                level.count(), widest)));
        card.add(bar(getTranslation("report.funnel.won"), report.won().count(), widest));
        return card;
    }

    private Component bar(String name, long count, long widest) {
        Div fill = new Div();
        fill.addClassName("funnel-home-bar-fill");
        fill.getStyle().set("width", (100 * count / widest) + "%");
        Span label = new Span(name + " · " + count);
        Div bar = new Div(label, fill);
        bar.addClassName("funnel-home-bar");
        return bar;
    }

    private Component deals(String labelKey, DealTotals totals, String link, boolean alert) {
        Anchor tile = tile(labelKey, String.valueOf(totals.count()), link, alert && totals.count() > 0);
        Span amount = new Span(Formats.compactMoney(totals.amount(), totals.currency(), getLocale())
                + (totals.unconverted() == 0 ? "" : " · " + getTranslation("board.unconverted", totals.unconverted())));
        amount.addClassName("funnel-home-sub");
        tile.add(amount);
        return tile;
    }

    private Component target(TargetProgress progress) {
        Anchor tile = tile("home.target", percent(progress), "targets", false);
        tile.add(targetLine(progress));
        return tile;
    }

    private Span targetLine(TargetProgress progress) {
        String currency = progress.target().currency();
        Span line = new Span(getTranslation("home.target.line", progress.target().name(),
                Formats.compactMoney(progress.won(), currency, getLocale()),
                Formats.compactMoney(progress.target().amount(), currency, getLocale())));
        line.addClassName("funnel-home-sub");
        return line;
    }

    private static String percent(TargetProgress progress) {
        BigDecimal target = progress.target().amount();
        return target.signum() == 0 ? "–"
                : progress.won().multiply(BigDecimal.valueOf(100)).divide(target, 0, RoundingMode.HALF_UP) + "%";
    }

    private Anchor tile(String labelKey, String value, String link, boolean alert) {
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("funnel-home-label");
        Anchor tile = new Anchor(link, label, figure(value));
        tile.addClassName("funnel-home-tile");
        if (alert) {
            tile.addClassName("funnel-home-alert");
        }
        return tile;
    }

    private Div card(String titleKey, String link) {
        Anchor title = new Anchor(link, getTranslation(titleKey));
        title.addClassName("funnel-home-label");
        Div card = new Div(title);
        card.addClassNames("funnel-home-tile", "funnel-home-card");
        return card;
    }

    private static Span figure(String value) {
        Span figure = new Span(value);
        figure.addClassName("funnel-home-figure");
        return figure;
    }

    private Component section(String titleKey, Div tiles) {
        H3 heading = new H3(getTranslation(titleKey));
        heading.addClassName("funnel-home-heading");
        VerticalLayout section = new VerticalLayout(heading, tiles);
        section.setPadding(false);
        section.setSpacing(false);
        return section;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.home") + " · " + getTranslation("app.name");
    }
}
