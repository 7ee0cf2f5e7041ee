package dev.funnel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerPoolService;
import dev.funnel.customer.CustomerService;
import dev.funnel.customer.ui.PoolView;
import dev.funnel.pipeline.RegistrationDraft;
import dev.funnel.pipeline.RegistrationRequest;
import dev.funnel.pipeline.RegistrationService;
import dev.funnel.pipeline.RegistrationStatus;
import dev.funnel.pipeline.ui.RegistrationsView;
import dev.funnel.testsupport.KaribuTest;
import dev.funnel.testsupport.TestData.Org;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Claiming from the pool and deciding a registration request, through the views. */
class PoolAndRegistrationViewsTest extends KaribuTest {

    @Autowired
    CustomerPoolService pool;
    @Autowired
    CustomerService customers;
    @Autowired
    RegistrationService registrations;

    @Test
    void a_rep_finds_a_released_customer_in_the_pool_and_claims_it() {
        Org company = data.organisation();
        Customer lapsed = data.customerOf(company.eastRep());
        clock.advance(Duration.ofDays(400));
        data.asAdmin(() -> pool.releaseLapsed());
        login(company.westRep().username());

        UI.getCurrent().navigate(PoolView.class);
        _setValue(_get(TextField.class, spec -> spec.withPlaceholder("Search by name or credit code")),
                lapsed.name());
        @SuppressWarnings("unchecked")
        Grid<Customer> grid = _get(Grid.class);
        assertThat(GridKt._size(grid)).isEqualTo(1);
        _click((Button) GridKt._getCellComponent(grid, 0, "claim"));

        assertThat(customers.get(lapsed.id()).ownerId()).isEqualTo(company.westRep().id());
        assertThat(GridKt._size(grid)).isZero();
    }

    @Test
    void the_administrator_changes_the_pool_rules_and_nonsense_is_refused_by_the_field() {
        login("admin");
        UI.getCurrent().navigate(PoolView.class);
        _click(_get(Button.class, spec -> spec.withText("Pool rules")));
        var protection = _get(com.vaadin.flow.component.textfield.IntegerField.class,
                spec -> spec.withLabel("Days a customer stays with its owner after the last follow-up"));
        _setValue(protection, -3);
        _click(_get(Button.class, spec -> spec.withText("Save")));

        assertThat(protection.isInvalid()).isTrue();
        assertThat(pool.settings().protectionDays()).isPositive();

        _setValue(protection, 45);
        _click(_get(Button.class, spec -> spec.withText("Save")));
        assertThat(pool.settings().protectionDays()).isEqualTo(45);
        data.asAdmin(() -> pool.updateSettings(dev.funnel.customer.PoolSettings.DEFAULTS));
    }

    @Test
    void the_owners_manager_approves_a_request_with_a_comment() {
        Org company = data.organisation();
        Customer customer = data.customerOf(company.eastRep());
        data.pipeline();
        RegistrationRequest request = data.as(company.westRep().username(), () -> registrations.request(
                new RegistrationDraft(customer.id(), null, "西区拓展", "客户西区分公司来询价", customer.name())));
        login(company.eastManager().username());

        UI.getCurrent().navigate(RegistrationsView.class);
        @SuppressWarnings("unchecked")
        Grid<RegistrationRequest> toDecide = _get(Grid.class, spec -> spec.withId("to-decide"));
        var actions = GridKt._getCellComponent(toDecide, 0, "decision");
        _click(_get(actions, Button.class, spec -> spec.withText("Approve")));
        // the dialog shows what is approved: whose customer, for whom, and why
        assertThat(_get(TextField.class, spec -> spec.withLabel("Customer")).getValue()).isEqualTo(customer.name());
        assertThat(_get(TextArea.class, spec -> spec.withLabel("Reason")).getValue()).isEqualTo("客户西区分公司来询价");
        _setValue(_get(TextArea.class, spec -> spec.withLabel("Comment")), "同意");
        var dialog = _get(com.vaadin.flow.component.dialog.Dialog.class);
        _click(_get(dialog, Button.class, spec -> spec.withText("Approve")));
        assertThat(NotificationsKt.getNotifications()).extracting(n -> n.getElement().getProperty("text"))
                .anyMatch(text -> text.startsWith("Approved:"));

        RegistrationRequest decided = data.as(company.westRep().username(), () -> registrations.mine()).stream()
                .filter(r -> r.id() == request.id()).findFirst().orElseThrow();
        assertThat(decided.status()).isEqualTo(RegistrationStatus.APPROVED);
        assertThat(decided.decisionComment()).isEqualTo("同意");
        assertThat(GridKt._size(toDecide)).isZero();
    }
}
