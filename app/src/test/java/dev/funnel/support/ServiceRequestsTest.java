package dev.funnel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.customer.Customer;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A service request is opened, worked and resolved; the day it was resolved is kept; edits never overwrite. */
class ServiceRequestsTest extends IntegrationTest {

    @Autowired
    ServiceRequestService requests;

    @Test
    void a_request_is_resolved_on_the_day_it_first_leaves_the_open_states_and_stays_so() {
        var company = data.organisation();
        UserSummary rep = company.eastRep();
        Customer customer = data.customerOf(rep);
        LocalDate opened = LocalDate.now(clock);
        ServiceRequest request = as(rep.username(), () -> requests.create(new ServiceRequestDraft(customer.id(), null,
                "报表导出乱码", "导出的 CSV 在 Excel 中显示乱码", null, null, opened.plusDays(3))));
        assertThat(request.priority()).isEqualTo(RequestPriority.NORMAL);
        assertThat(request.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(as(rep.username(), () -> requests.openCount(customer.id()))).isOne();

        ServiceRequest working = as(rep.username(), () -> requests.update(request.id(), request.version(),
                draft(customer, RequestStatus.IN_PROGRESS)));
        assertThat(working.resolvedOn()).isNull();
        clock.advance(Duration.ofDays(2));
        ServiceRequest resolved = as(rep.username(), () -> requests.update(working.id(), working.version(),
                draft(customer, RequestStatus.RESOLVED)));
        assertThat(resolved.resolvedOn()).isEqualTo(opened.plusDays(2));
        clock.advance(Duration.ofDays(5));
        ServiceRequest closed = as(rep.username(), () -> requests.update(resolved.id(), resolved.version(),
                draft(customer, RequestStatus.CLOSED)));
        assertThat(closed.resolvedOn()).as("closing keeps the day it was resolved").isEqualTo(opened.plusDays(2));
        assertThat(as(rep.username(), () -> requests.openCount(customer.id()))).isZero();

        assertThatThrownBy(() -> as(rep.username(), () -> requests.update(resolved.id(), resolved.version(),
                draft(customer, RequestStatus.OPEN)))).isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> as(company.westRep().username(), () -> requests.get(request.id())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_request_without_a_subject_is_refused_and_nothing_is_written() {
        UserSummary rep = data.organisation().eastRep();
        Customer customer = data.customerOf(rep);
        assertThatThrownBy(() -> as(rep.username(), () -> requests.create(new ServiceRequestDraft(customer.id(), null,
                " ", null, RequestPriority.HIGH, null, null))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + " " + p.messageKey()).contains("subject validation.required"));
        assertThat(as(rep.username(), () -> requests.forCustomer(customer.id()))).isEmpty();
    }

    private static ServiceRequestDraft draft(Customer customer, RequestStatus status) {
        return new ServiceRequestDraft(customer.id(), null, "报表导出乱码", "导出的 CSV 在 Excel 中显示乱码",
                RequestPriority.HIGH, status, null);
    }
}
