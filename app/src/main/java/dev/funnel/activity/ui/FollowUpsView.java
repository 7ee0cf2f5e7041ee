package dev.funnel.activity.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.activity.Activity;
import dev.funnel.activity.ActivityService;
import dev.funnel.exchange.ui.SearchableList;
import dev.funnel.exchange.ui.SearchableList.Column;
import dev.funnel.identity.Role;
import dev.funnel.platform.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.List;

/** The follow-ups the user sees — their own, a manager's team's — newest first; they are logged on the 360. */
@Route("follow-ups")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class FollowUpsView extends VerticalLayout implements HasDynamicTitle {

    public FollowUpsView(ActivityService activities) {
        setSizeFull();
        setPadding(false);
        List<Column<Activity>> columns = List.of(
                new Column<>("follow-up.when", a -> Formats.dateTime(a.occurredAt(), ZoneId.systemDefault(),
                        getLocale()), Activity::occurredAt),
                new Column<>("activity.type", a -> getTranslation("activity.type." + a.type().name()),
                        a -> getTranslation("activity.type." + a.type().name())),
                new Column<>("opportunity.customer", Activity::customerName, Activity::customerName),
                new Column<>("activity.content", Activity::content, Activity::content),
                new Column<>("activity.next-follow-up", a -> Formats.date(a.nextFollowUpOn(), getLocale()),
                        Activity::nextFollowUpOn),
                new Column<>("opportunity.owner", Activity::ownerName, Activity::ownerName));
        SearchableList<Activity> list = new SearchableList<>("nav.follow-ups", "follow-ups", "follow-ups.empty",
                columns, activities::list);
        add(list);
        expand(list);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.follow-ups") + " · " + getTranslation("app.name");
    }
}
