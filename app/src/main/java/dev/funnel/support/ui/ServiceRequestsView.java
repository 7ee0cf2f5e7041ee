package dev.funnel.support.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.platform.ui.SearchableList;
import dev.funnel.platform.ui.SearchableList.Column;
import dev.funnel.identity.Role;
import dev.funnel.platform.Formats;
import dev.funnel.support.ServiceRequest;
import dev.funnel.support.ServiceRequestService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Every service request of the customers the user sees, newest first; new requests start on the 360. */
@Route("service-requests")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class ServiceRequestsView extends VerticalLayout implements HasDynamicTitle {

    public ServiceRequestsView(ServiceRequestService requests) {
        setSizeFull();
        setPadding(false);
        List<Column<ServiceRequest>> columns = List.of(
                new Column<>("request.subject", ServiceRequest::subject, ServiceRequest::subject),
                new Column<>("opportunity.customer", ServiceRequest::customerName, ServiceRequest::customerName),
                new Column<>("request.priority", r -> getTranslation("request.priority." + r.priority().name()),
                        r -> getTranslation("request.priority." + r.priority().name())),
                new Column<>("registration.status", r -> getTranslation("request.status." + r.status().name()),
                        r -> getTranslation("request.status." + r.status().name())),
                new Column<>("request.opened-on", r -> Formats.date(r.openedOn(), getLocale()),
                        ServiceRequest::openedOn),
                new Column<>("request.due-on", r -> Formats.date(r.dueOn(), getLocale()), ServiceRequest::dueOn),
                new Column<>("request.resolved-on", r -> Formats.date(r.resolvedOn(), getLocale()),
                        ServiceRequest::resolvedOn),
                new Column<>("opportunity.owner", ServiceRequest::ownerName, ServiceRequest::ownerName));
        SearchableList<ServiceRequest> list = new SearchableList<>("nav.service-requests", "service-requests",
                "requests.empty", columns, (text, page) -> requests.list(text, false, page));
        add(list);
        expand(list);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.service-requests") + " · " + getTranslation("app.name");
    }
}
