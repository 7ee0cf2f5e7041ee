package dev.funnel.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.RowProblem;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Customers moved from another system keep when they were entered and since when their owner has them, so their
 * protection runs on instead of starting again; customers that were in the other system's pool come into the pool.
 */
class CustomerImportHistoryTest extends IntegrationTest {

    @Autowired
    CustomerService customers;
    @Autowired
    CustomerImportService imports;
    @Autowired
    CustomerPoolService pool;

    UserSummary rep;
    LocalDate today;

    @BeforeEach
    void aRep() {
        rep = data.user(Role.SALES_REP, null);
        today = LocalDate.now(clock);
    }

    private CustomerImport row(LocalDate createdOn, LocalDate ownedSince, boolean inPool, Long ownerId) {
        return new CustomerImport(2, CustomerDraft.named(TestData.unique("迁移客户")).withOwner(ownerId), null,
                createdOn, ownedSince, inPool);
    }

    private Customer imported(CustomerImport row) {
        assertThat(as("admin", () -> imports.checkImport(List.of(row)))).isEmpty();
        as("admin", () -> imports.importAll(List.of(row)));
        long id = as("admin", () -> customers.idsByName(List.of(row.draft().name()))).get(row.draft().name()).get(0);
        return as("admin", () -> customers.get(id));
    }

    @Test
    void a_customer_owned_since_before_its_protection_period_returns_to_the_pool_at_the_next_release() {
        Customer customer = imported(row(today.minusDays(200), today.minusDays(40), false, rep.id()));

        assertThat(customer.createdAt().atZoneSameInstant(clock.getZone()).toLocalDate())
                .isEqualTo(today.minusDays(200));
        assertThat(customer.ownerId()).isEqualTo(rep.id());
        as("admin", () -> pool.releaseLapsed());
        assertThat(as("admin", () -> customers.get(customer.id())).ownerId()).isNull();
    }

    @Test
    void without_an_owned_since_date_protection_starts_at_the_import_however_old_the_customer() {
        Customer customer = imported(row(today.minusDays(200), null, false, rep.id()));

        as("admin", () -> pool.releaseLapsed());

        assertThat(as("admin", () -> customers.get(customer.id())).ownerId()).isEqualTo(rep.id());
    }

    @Test
    void a_customer_from_the_other_systems_pool_comes_into_the_pool_without_an_owner() {
        Customer customer = imported(row(today.minusDays(90), today.minusDays(10), true, null));

        assertThat(customer.ownerId()).isNull();
        assertThat(as(rep.username(), () -> pool.list(customer.name(), PageRequest.of(0, 5))).items())
                .extracting(Customer::id).containsExactly(customer.id());
    }

    @Test
    void future_dates_an_owner_before_the_customer_existed_and_an_owner_for_a_pool_customer_are_refused() {
        List<CustomerImport> rows = List.of(row(today.plusDays(1), null, false, null),
                row(today.minusDays(10), today.minusDays(20), false, null),
                row(null, null, true, rep.id()));

        List<RowProblem> problems = as("admin", () -> imports.checkImport(rows));

        assertThat(problems).extracting(RowProblem::index, p -> p.problem().field(), p -> p.problem().messageKey())
                .containsExactlyInAnyOrder(tuple(0, "createdOn", "validation.date.future"),
                        tuple(1, "ownedSince", "validation.import.owned-before-created"),
                        tuple(2, "ownerId", "validation.import.pool-owner"));
    }
}
