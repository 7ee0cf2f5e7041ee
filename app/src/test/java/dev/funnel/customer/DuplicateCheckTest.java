package dev.funnel.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.util.Locale;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Two reps must not chase the same company: the check finds it whoever owns it, and says who does. */
class DuplicateCheckTest extends IntegrationTest {

    @Autowired
    CustomerService customers;

    UserSummary alice;
    UserSummary bob;
    String base;
    String code;
    Customer existing;

    @BeforeEach
    void aliceOwnsACompany() {
        alice = data.user(Role.SALES_REP, null);
        bob = data.user(Role.SALES_REP, null);
        base = TestData.unique("腾飞科技");
        code = CreditCode.withCheckCharacter("91440300MA5G" + String.format("%05d", Math.floorMod(base.hashCode(), 100000)));
        existing = as(alice.username(), () -> customers.create(new CustomerDraft(base + "有限公司", code,
                "张伟", new BigDecimal("5000000.00"), "CNY", LocalDate.of(2015, 6, 1), "制造", 320, "中国", "深圳",
                "南山区科技园", null, "0755-8888 " + String.format("%04d", Math.floorMod(base.hashCode(), 10000)),
                base + "@example.cn", CustomerStatus.CUSTOMER, "展会", null, List.of("重点", "华南"), null, null)));
        signIn(bob.username());
    }

    @Test
    void the_same_name_written_differently_is_found_with_its_owner_though_bob_cannot_see_it() {
        List<DuplicateCandidate> found = customers.findDuplicates(
                CustomerDraft.named(" " + base + "（有限公司）"), null);

        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.customerId()).isEqualTo(existing.id());
            assertThat(c.ownerName()).isEqualTo(alice.fullName());
            assertThat(c.reasons()).containsExactly(DuplicateReason.NAME);
            assertThat(c.blocksSaving()).isFalse();
        });
    }

    @Test
    void the_same_phone_digits_or_email_in_another_case_are_found() {
        CustomerDraft other = new CustomerDraft("Another name", null, null, null, null, null, null, null, null,
                null, null, null, existing.phone().replace(" ", "").replace("-", ""), null, null, null, null,
                List.of(), null, null);
        assertThat(customers.findDuplicates(other, null)).extracting(DuplicateCandidate::reasons)
                .containsExactly(java.util.Set.of(DuplicateReason.PHONE));
        CustomerDraft byMail = new CustomerDraft("Yet another", null, null, null, null, null, null, null, null,
                null, null, null, null, existing.email().toUpperCase(Locale.ROOT), null, null, null, List.of(), null, null);
        assertThat(customers.findDuplicates(byMail, null)).extracting(DuplicateCandidate::customerId)
                .containsExactly(existing.id());
    }

    @Test
    void an_exact_credit_code_blocks_the_save_and_the_customer_itself_is_no_duplicate_when_edited() {
        CustomerDraft same = new CustomerDraft("完全不同的名字", code.toLowerCase(Locale.ROOT), null, null, null, null, null,
                null, null);
        assertThat(customers.findDuplicates(same, null)).singleElement()
                .satisfies(c -> assertThat(c.blocksSaving()).isTrue());
        assertThatThrownBy(() -> customers.create(same)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::messageKey)
                        .containsExactly("validation.credit-code.taken"));

        signIn(alice.username());
        assertThat(customers.findDuplicates(CustomerDraft.of(existing), existing.id())).isEmpty();
    }

    @Test
    void registration_data_tags_and_parent_survive_an_edit_and_loops_are_refused() {
        signIn(alice.username());
        Customer daughter = customers.create(CustomerDraft.named(base + " 子公司").withOwner(null));
        Customer linked = customers.update(daughter.id(), daughter.version(), new CustomerDraft(daughter.name(),
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                existing.id(), List.of(" 重点 ", "重点", "新"), null, null));
        assertThat(linked.parentName()).isEqualTo(existing.name());
        assertThat(linked.tags()).containsExactly("新", "重点");
        assertThat(customers.get(existing.id()).legalRepresentative()).isEqualTo("张伟");
        assertThat(customers.get(existing.id()).registeredCapital()).isEqualByComparingTo("5000000");

        Customer parent = customers.get(existing.id());
        assertThatThrownBy(() -> customers.update(parent.id(), parent.version(),
                CustomerDraft.of(parent).withParent(daughter.id())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey).containsExactly("validation.parent.cycle"));
    }

    @Test
    void phones_and_emails_are_checked_when_entered() {
        assertThatThrownBy(() -> customers.create(new CustomerDraft(TestData.unique("x"), null, null, null, null,
                null, null, -3, null, null, null, null, "call me", "not-an-email", null, null, null, List.of(),
                null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactlyInAnyOrder("phone", "email", "employeeCount"));
    }
}
