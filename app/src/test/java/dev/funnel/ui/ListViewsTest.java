package dev.funnel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.followup.ui.FollowUpsView;
import dev.funnel.customer.Customer;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.order.OrderDraft;
import dev.funnel.order.OrderService;
import dev.funnel.order.ui.OrdersView;
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
    FollowUpService activities;
    @Autowired
    dev.funnel.audit.AuditService audit;

    @Test
    void each_list_finds_the_reps_own_records_and_hides_them_from_another_rep() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        Customer customer = data.customerOf(rep);
        String tag = TestData.unique("L");
        data.as(rep.username(), () -> orders.create(new OrderDraft(tag, customer.id(), null, LocalDate.now(clock),
                new BigDecimal("100.00"), "CNY", null)));
        data.as(rep.username(), () -> requests.create(new ServiceRequestDraft(customer.id(), null, tag + " 报修",
                null, RequestPriority.URGENT, null, null)));
        data.as(rep.username(), () -> activities.log(new FollowUpDraft(FollowUpType.WECHAT, null, tag + " 微信沟通",
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

    @Test
    void an_export_from_an_english_session_is_in_english_and_is_audited() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        data.customerOf(rep);
        login(rep.username());
        UI.getCurrent().navigate(dev.funnel.customer.ui.CustomersView.class);
        var menu = com.github.mvysny.kaributesting.v10.LocatorJ._get(dev.funnel.platform.ui.ExportMenu.class);
        com.vaadin.flow.component.html.Anchor csv = menu.getItems().get(0).getSubMenu().getItems().stream()
                .flatMap(item -> item.getChildren())
                .filter(com.vaadin.flow.component.html.Anchor.class::isInstance)
                .map(com.vaadin.flow.component.html.Anchor.class::cast)
                .filter(anchor -> anchor.getText().contains("CSV")).findFirst().orElseThrow();

        // a download is served outside the UI's own request, where no UI is current
        UI ui = UI.getCurrent();
        String href = com.github.mvysny.kaributesting.v10.AnchorsKt.get_href(csv);
        byte[] file;
        UI.setCurrent(null);
        try {
            file = com.github.mvysny.kaributesting.v10.DownloadKt.downloadResource(href);
        } finally {
            UI.setCurrent(ui);
        }

        String header = new String(file, java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(header).contains("Name").doesNotContain("名称");
        var trail = as("admin", () -> audit.find(new dev.funnel.audit.AuditFilter(null, null, rep.username(),
                "export"), dev.funnel.platform.PageRequest.of(0, 10)).items());
        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.targetId()).isEqualTo("customers");
            assertThat(entry.details()).isEqualTo("csv, 1 rows");
        });
    }

    @Test
    void an_export_broken_off_before_its_end_is_audited_as_such() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        login(rep.username());
        var menu = new dev.funnel.platform.ui.ExportMenu<String>("broken-list", () -> java.util.List.of(
                new dev.funnel.platform.ExportColumn<>("Name", (String s) -> s)), page -> {
                    throw new IllegalStateException("the database went away");
                });
        UI.getCurrent().navigate(dev.funnel.customer.ui.CustomersView.class);
        UI.getCurrent().add(menu);
        com.github.mvysny.kaributesting.v10.MockVaadin.clientRoundtrip();
        com.vaadin.flow.component.html.Anchor csv = menu.getItems().get(0).getSubMenu().getItems().stream()
                .flatMap(item -> item.getChildren())
                .filter(com.vaadin.flow.component.html.Anchor.class::isInstance)
                .map(com.vaadin.flow.component.html.Anchor.class::cast)
                .filter(anchor -> anchor.getText().contains("CSV")).findFirst().orElseThrow();

        String href = com.github.mvysny.kaributesting.v10.AnchorsKt.get_href(csv);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> com.github.mvysny.kaributesting.v10.DownloadKt.downloadResource(href))
                .hasMessageContaining("the database went away");

        var trail = as("admin", () -> audit.find(new dev.funnel.audit.AuditFilter(null, null, rep.username(),
                "export"), dev.funnel.platform.PageRequest.of(0, 10)).items());
        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.targetId()).isEqualTo("broken-list");
            assertThat(entry.details()).isEqualTo("csv, 0 rows, broken off before the end");
        });
    }
}
