package dev.funnel.order.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.platform.ui.SearchableList;
import dev.funnel.platform.ui.SearchableList.Column;
import dev.funnel.identity.Role;
import dev.funnel.platform.Formats;
import dev.funnel.order.Order;
import dev.funnel.order.OrderService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Every order of the customers the user sees, with what is still outstanding; new orders start on the 360. */
@Route("orders")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class OrdersView extends VerticalLayout implements HasDynamicTitle {

    public OrdersView(OrderService orders) {
        setSizeFull();
        setPadding(false);
        List<Column<Order>> columns = List.of(
                new Column<>("order.number", Order::number, Order::number),
                new Column<>("opportunity.customer", Order::customerName, Order::customerName),
                new Column<>("order.date", o -> Formats.date(o.orderDate(), getLocale()), Order::orderDate),
                new Column<>("order.amount", o -> Formats.money(o.amount(), o.currency(), getLocale()), Order::amount),
                new Column<>("opportunity.currency", Order::currency, Order::currency),
                new Column<>("customer360.outstanding",
                        o -> Formats.money(o.outstanding(), o.currency(), getLocale()), Order::outstanding),
                new Column<>("opportunity.owner", Order::ownerName, Order::ownerName));
        SearchableList<Order> list = new SearchableList<>("nav.orders", "orders", "orders.empty", columns,
                orders::list);
        add(list);
        expand(list);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.orders") + " · " + getTranslation("app.name");
    }
}
