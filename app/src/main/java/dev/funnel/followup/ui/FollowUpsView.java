package dev.funnel.followup.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.followup.FollowUp;
import dev.funnel.followup.FollowUpService;
import dev.funnel.platform.ui.SearchableList;
import dev.funnel.platform.ui.SearchableList.Column;
import dev.funnel.identity.Role;
import dev.funnel.platform.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.List;

/** The follow-ups the user sees — their own, a manager's team's — newest first; they are logged on the 360. */
@Route("follow-ups")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class FollowUpsView extends VerticalLayout implements HasDynamicTitle {

    public FollowUpsView(FollowUpService activities) {
        setSizeFull();
        setPadding(false);
        List<Column<FollowUp>> columns = List.of(
                new Column<>("follow-up.when", a -> Formats.dateTime(a.occurredAt(), ZoneId.systemDefault(),
                        getLocale()), FollowUp::occurredAt),
                new Column<>("activity.type", a -> getTranslation("activity.type." + a.type().name()),
                        a -> getTranslation("activity.type." + a.type().name())),
                new Column<>("opportunity.customer", FollowUp::customerName, FollowUp::customerName),
                new Column<>("activity.content", FollowUp::content, FollowUp::content),
                new Column<>("activity.next-follow-up", a -> Formats.date(a.nextFollowUpOn(), getLocale()),
                        FollowUp::nextFollowUpOn),
                new Column<>("opportunity.owner", FollowUp::ownerName, FollowUp::ownerName));
        SearchableList<FollowUp> list = new SearchableList<>("nav.follow-ups", "follow-ups", "follow-ups.empty",
                columns, activities::list);
        add(list);
        expand(list);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.follow-ups") + " · " + getTranslation("app.name");
    }
}
