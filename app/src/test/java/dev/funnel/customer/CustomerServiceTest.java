package dev.funnel.customer;

import java.util.Locale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CustomerServiceTest extends IntegrationTest {


    @Autowired
    CustomerService customers;

    UserSummary rep;

    @BeforeEach
    void signInAsRep() {
        rep = data.user(Role.SALES_REP, null);
        signIn(rep.username());
    }

    @Test
    void a_created_customer_is_owned_by_its_creator_and_found_by_name_and_credit_code() {
        String name = TestData.unique("上海云帆科技有限公司");
        Customer created = customers.create(new CustomerDraft(name, " " + uniqueCode().toLowerCase(Locale.ROOT) + " ",
                "软件", "上海", null, null, "021-12345678", null, null));

        assertThat(created.ownerId()).isEqualTo(rep.id());
        assertThat(created.creditCode()).matches("[0-9A-Z]{18}");
        assertThat(customers.get(created.id()).name()).isEqualTo(name);
        assertThat(customers.list(new CustomerFilter(name.substring(0, 12), null), PageRequest.of(0, 10)).items())
                .extracting(Customer::id).containsExactly(created.id());
        assertThat(customers.list(new CustomerFilter(created.creditCode(), null), PageRequest.of(0, 10)).items())
                .extracting(Customer::id).containsExactly(created.id());
    }

    @Test
    void every_invalid_field_is_reported_at_once_and_nothing_is_saved() {
        long before = customers.list(CustomerFilter.none(), PageRequest.of(0, 1)).total();

        assertThatThrownBy(() -> customers.create(new CustomerDraft(" ", "91310000MA1FL00010", null, null, null,
                null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactlyInAnyOrder(
                                tuple("name", "validation.required"),
                                tuple("creditCode", "validation.credit-code")));

        assertThat(customers.list(CustomerFilter.none(), PageRequest.of(0, 1)).total()).isEqualTo(before);
    }

    @Test
    void a_credit_code_already_registered_blocks_the_save() {
        String code = uniqueCode();
        customers.create(new CustomerDraft(TestData.unique("first"), code, null, null, null, null, null, null, null));

        assertThatThrownBy(() -> customers.create(new CustomerDraft(TestData.unique("second"), code, null, null, null,
                null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey).containsExactly("validation.credit-code.taken"));
    }

    @Test
    void a_stale_version_is_refused_instead_of_overwriting_the_other_change() {
        Customer created = customers.create(CustomerDraft.named(TestData.unique("stale")));
        Customer first = customers.update(created.id(), created.version(),
                new CustomerDraft(created.name(), null, "制造", null, null, null, null, null, null));

        assertThat(first.version()).isEqualTo(created.version() + 1);
        assertThatThrownBy(() -> customers.update(created.id(), created.version(),
                new CustomerDraft(created.name(), null, "物流", null, null, null, null, null, null)))
                .isInstanceOf(StaleVersionException.class);
        assertThat(customers.get(created.id()).industry()).isEqualTo("制造");
    }

    @Test
    void a_rep_cannot_hand_a_customer_to_someone_they_do_not_manage() {
        UserSummary other = data.user(Role.SALES_REP, null);
        signIn(rep.username());

        assertThatThrownBy(() -> customers.create(new CustomerDraft(TestData.unique("gift"), null, null, null, null,
                null, null, other.id(), null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("ownerId"));
    }

    @Test
    void contacts_belong_to_their_customer_and_bad_emails_are_refused() {
        Customer customer = customers.create(CustomerDraft.named(TestData.unique("contacts")));
        customers.addContact(customer.id(), new ContactDraft("李娜", "采购经理", "13800138000", "li.na@example.cn"));

        assertThat(customers.contacts(customer.id())).extracting(Contact::name).containsExactly("李娜");
        assertThatThrownBy(() -> customers.addContact(customer.id(), new ContactDraft("王伟", null, null, "not-mail")))
                .isInstanceOf(InvalidInputException.class);
    }

    private static String uniqueCode() {
        String body = String.format("%09d", System.nanoTime() % 1_000_000_000L);
        return CreditCode.withCheckCharacter("91440300" + body);
    }
}
