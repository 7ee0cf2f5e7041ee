package dev.funnel.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.customer.Customer;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A rep records an order for their customer and the payments received against it; nobody overpays it. */
class OrdersTest extends IntegrationTest {

    @Autowired
    OrderService orders;

    @Test
    void an_order_is_paid_in_parts_and_a_payment_beyond_what_is_outstanding_is_refused() {
        var company = data.organisation();
        UserSummary rep = company.eastRep();
        Opportunity deal = data.opportunityOf(rep, data.pipeline());
        LocalDate today = LocalDate.now(clock);
        String number = TestData.unique("SO");
        Order order = as(rep.username(), () -> orders.create(new OrderDraft(number, deal.customerId(), deal.id(),
                today, new BigDecimal("120000.00"), null, null)));
        assertThat(order.currency()).as("the company currency by default").isEqualTo("CNY");
        assertThat(order.outstanding()).isEqualByComparingTo("120000.00");

        Order paidOnce = as(rep.username(), () -> orders.addPayment(order.id(), order.version(),
                new PaymentDraft(today, new BigDecimal("50000.00"), "first instalment")));
        assertThat(paidOnce.paid()).isEqualByComparingTo("50000.00");
        assertThat(paidOnce.outstanding()).isEqualByComparingTo("70000.00");
        assertThat(as(rep.username(), () -> orders.outstanding(deal.customerId())))
                .containsEntry("CNY", new BigDecimal("70000.00"));

        assertThatThrownBy(() -> as(rep.username(), () -> orders.addPayment(order.id(), paidOnce.version(),
                new PaymentDraft(today, new BigDecimal("70000.01"), null))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + " " + p.messageKey())
                        .containsExactly("amount validation.payment.exceeds"));
        assertThatThrownBy(() -> as(rep.username(), () -> orders.addPayment(order.id(), order.version(),
                new PaymentDraft(today, new BigDecimal("10.00"), null))))
                .as("a payment on the version read before the first one").isInstanceOf(StaleVersionException.class);
        assertThat(as(rep.username(), () -> orders.payments(order.id()))).hasSize(1);
    }

    @Test
    void an_order_names_what_is_wrong_and_another_reps_order_stays_invisible() {
        var company = data.organisation();
        UserSummary rep = company.eastRep();
        Customer mine = data.customerOf(rep);
        Opportunity otherCustomersDeal = data.opportunityOf(rep, data.pipeline());
        String number = TestData.unique("SO");

        assertThatThrownBy(() -> as(rep.username(), () -> orders.create(new OrderDraft(number, mine.id(),
                otherCustomersDeal.id(), LocalDate.now(clock), new BigDecimal("-1"), "XAU", null))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + " " + p.messageKey())
                        .contains("amount validation.amount.negative", "currency validation.currency"));
        Order order = as(rep.username(), () -> orders.create(new OrderDraft(number, mine.id(), null,
                LocalDate.now(clock), new BigDecimal("9800.00"), "CNY", null)));
        assertThatThrownBy(() -> as(rep.username(), () -> orders.create(new OrderDraft(number, mine.id(), null,
                LocalDate.now(clock), BigDecimal.TEN, "CNY", null))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + " " + p.messageKey())
                        .containsExactly("number validation.order.number-taken"));
        assertThatThrownBy(() -> as(rep.username(), () -> orders.create(new OrderDraft(TestData.unique("SO"),
                mine.id(), otherCustomersDeal.id(), LocalDate.now(clock), BigDecimal.TEN, "CNY", null))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + " " + p.messageKey())
                        .containsExactly("opportunityId validation.opportunity.other-customer"));

        assertThatThrownBy(() -> as(company.westRep().username(), () -> orders.get(order.id())))
                .isInstanceOf(NotFoundException.class);
        assertThat(as(company.eastManager().username(), () -> orders.get(order.id())).number()).isEqualTo(number);
    }
}
