package dev.funnel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import dev.funnel.activity.ActivityDraft;
import dev.funnel.activity.ActivityService;
import dev.funnel.activity.ActivityType;
import dev.funnel.activity.ui.FollowUpsView;
import dev.funnel.customer.Customer;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.sales.OrderDraft;
import dev.funnel.sales.OrderService;
import dev.funnel.sales.ui.OrdersView;
import dev.funnel.support.RequestPriority;
import dev.funnel.support.ServiceRequestDraft;
import dev.funnel.support.ServiceRequestService;
import dev.funnel.support.ui.ServiceRequestsView;
import dev.funnel.testsupport.KaribuTest;
import dev.funnel.testsupport.TestData;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The lists of orders, service requests and follow-ups: searchable, and only what the user may see. */
class ListViewsTest extends KaribuTest {

    @Autowired
    OrderService orders;
    @Autowired
    ServiceRequestService requests;
    @Autowired
    ActivityService activities;

    @Test
    void each_list_finds_the_reps_own_records_and_hides_them_from_another_rep() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        Customer customer = data.customerOf(rep);
        String tag = TestData.unique("L");
        data.as(rep.username(), () -> orders.create(new OrderDraft(tag, customer.id(), null, LocalDate.now(clock),
                new BigDecimal("100.00"), "CNY", null)));
        data.as(rep.username(), () -> requests.create(new ServiceRequestDraft(customer.id(), null, tag + " 报修",
                null, RequestPriority.URGENT, null, null)));
        data.as(rep.username(), () -> activities.log(new ActivityDraft(ActivityType.WECHAT, null, tag + " 微信沟通",
                customer.id(), null, null)));

        login(rep.username());
        assertThat(rows(OrdersView.class, tag)).isEqualTo(1);
        assertThat(rows(ServiceRequestsView.class, tag)).isEqualTo(1);
        assertThat(rows(FollowUpsView.class, tag)).isEqualTo(1);

        login(data.user(Role.SALES_REP, null).username());
        assertThat(rows(OrdersView.class, tag)).isZero();
        assertThat(rows(ServiceRequestsView.class, tag)).isZero();
        assertThat(rows(FollowUpsView.class, tag)).isZero();
    }

    private static int rows(Class<? extends com.vaadin.flow.component.Component> view, String search) {
        UI.getCurrent().navigate(view);
        _setValue(_get(TextField.class, spec -> spec.withPlaceholder("Search")), search);
        @SuppressWarnings("unchecked")
        Grid<Object> grid = _get(Grid.class);
        return GridKt._size(grid);
    }
}
