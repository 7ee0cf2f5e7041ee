package dev.funnel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import dev.funnel.customer.Customer;
import dev.funnel.customer360.ui.Customer360View;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.TimelineKind;
import dev.funnel.order.OrderDraft;
import dev.funnel.order.OrderService;
import dev.funnel.testsupport.KaribuTest;
import dev.funnel.testsupport.TestData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The customer 360 page: its figures, its timeline and logging a follow-up from it. */
class Customer360ViewTest extends KaribuTest {

    @Autowired
    OrderService orders;

    @Test
    void the_page_shows_the_figures_and_a_follow_up_logged_on_it_tops_the_timeline() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        Customer customer = data.customerOf(rep);
        String number = TestData.unique("SO");
        data.as(rep.username(), () -> orders.create(new OrderDraft(number, customer.id(), null, LocalDate.now(clock),
                new BigDecimal("125000.00"), "CNY", null)));
        login(rep.username());

        UI.getCurrent().navigate("customers/" + customer.id());

        assertThat(_get(Customer360View.class)).isNotNull();
        assertThat(_get(H2.class, spec -> spec.withText(customer.name()))).isNotNull();
        assertThat(_find(Span.class, spec -> spec.withText("Payments outstanding"))).hasSize(1);
        assertThat(_find(Span.class, spec -> spec.withText("No follow-up yet"))).hasSize(1);
        assertThat(_find(Div.class, spec -> spec.withText("Order " + number + ": ¥125,000.00"))).hasSize(1);

        _click(_get(Button.class, spec -> spec.withText("Log a follow-up")));
        _setValue(_get(TextArea.class, spec -> spec.withLabel("What happened, what was agreed")),
                "电话沟通，客户同意下周演示");
        _click(_get(Button.class, spec -> spec.withText("Save")));

        assertThat(_find(Div.class, spec -> spec.withText("Call: 电话沟通，客户同意下周演示"))).hasSize(1);
        assertThat(_find(Span.class, spec -> spec.withText("0 days"))).hasSize(1);

        @SuppressWarnings("unchecked")
        CheckboxGroup<TimelineKind> kinds = _get(CheckboxGroup.class);
        kinds.setValue(Set.of(TimelineKind.ORDER));
        assertThat(_find(Div.class, spec -> spec.withText("Call: 电话沟通，客户同意下周演示"))).isEmpty();
        assertThat(_find(Div.class, spec -> spec.withText("Order " + number + ": ¥125,000.00"))).hasSize(1);
    }

    @Test
    void someone_elses_customer_sends_the_rep_back_to_the_list() {
        UserSummary owner = data.user(Role.SALES_REP, null);
        Customer customer = data.customerOf(owner);
        login(data.user(Role.SALES_REP, null).username());

        UI.getCurrent().navigate("customers/" + customer.id());

        assertThat(_find(Customer360View.class)).isEmpty();
        assertThat(_find(dev.funnel.customer.ui.CustomersView.class)).hasSize(1);
    }
}
