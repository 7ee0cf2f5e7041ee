package dev.funnel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.catalog.Product;
import dev.funnel.catalog.ProductDraft;
import dev.funnel.catalog.ProductService;
import dev.funnel.customer.Customer;
import dev.funnel.notification.Notification;
import dev.funnel.notification.NotificationService;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 报备: a rep of another team asks to work a customer; the owner's manager decides; both reps are told. */
class RegistrationTest extends IntegrationTest {

    @Autowired
    RegistrationService registrations;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    NotificationService notifications;
    @Autowired
    ProductService products;
    @Autowired
    dev.funnel.customer.CustomerService customers;

    Org company;
    Customer eastCustomer;
    Pipeline pipeline;

    @BeforeEach
    void theEastRepOwnsACustomer() {
        company = data.organisation();
        pipeline = data.pipeline();
        eastCustomer = data.customerOf(company.eastRep());
    }

    private RegistrationRequest westAsks(Long productId) {
        return as(company.westRep().username(), () -> registrations.request(new RegistrationDraft(eastCustomer.id(),
                productId, "西区拓展 " + TestData.unique("deal"), "客户华西分公司主动联系我们", eastCustomer.name())));
    }

    @Test
    void an_id_alone_reveals_nothing_about_another_reps_customer_but_its_name_finds_it() {
        for (String named : new String[] {null, "", "某某科技有限公司"}) {
            assertThatThrownBy(() -> as(company.westRep().username(), () -> registrations.request(
                    new RegistrationDraft(eastCustomer.id(), null, "试探", "枚举编号", named))))
                    .as("named %s", named)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                            .extracting(FieldProblem::messageKey).containsExactly("validation.unknown"));
        }
        // a fragment only this customer has: the shared organisation's manager sees many customers, and a lookup
        // answers the first twenty
        String fragment = eastCustomer.name().substring(2);
        assertThat(as(company.westRep().username(), () -> customers.lookup(fragment)))
                .extracting(dev.funnel.customer.CustomerSummary::id).doesNotContain(eastCustomer.id());
        assertThat(as(company.westRep().username(), () -> customers.lookup(" " + eastCustomer.name() + " ")))
                .extracting(dev.funnel.customer.CustomerSummary::id).contains(eastCustomer.id());
        assertThat(as(company.eastManager().username(), () -> customers.lookup(fragment)))
                .as("the owner's manager finds it by a fragment").extracting(dev.funnel.customer.CustomerSummary::id)
                .contains(eastCustomer.id());
    }

    @Test
    void creating_a_deal_on_another_reps_customer_points_to_registration_and_names_the_owner() {
        assertThatThrownBy(() -> as(company.westRep().username(), () -> editing.create(new OpportunityDraft(
                "抢单", eastCustomer.id(), null, null, pipeline.id(), null, null, null, null, null, null, null))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey, p -> p.arguments().get(0))
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("validation.registration.required",
                                company.eastRep().fullName())));
    }

    @Test
    void the_owners_manager_approves_and_the_requester_gets_the_deal_while_both_reps_are_told() {
        RegistrationRequest request = westAsks(null);
        assertThat(request.approverId()).isEqualTo(company.eastManager().id());
        assertThat(request.holderId()).isEqualTo(company.eastRep().id());
        assertThat(as(company.westManager().username(), () -> registrations.toDecide())).isEmpty();

        RegistrationRequest approved = as(company.eastManager().username(),
                () -> registrations.approve(request.id(), request.version(), "同意，注意与东区协同"));

        assertThat(approved.status()).isEqualTo(RegistrationStatus.APPROVED);
        Opportunity deal = as(company.westRep().username(), () -> opportunities.get(approved.opportunityId()));
        assertThat(deal.ownerId()).isEqualTo(company.westRep().id());
        assertThat(deal.customerId()).isEqualTo(eastCustomer.id());
        assertThat(keys(company.westRep().username())).contains("notification.registration.approved");
        assertThat(keys(company.eastRep().username())).contains("notification.registration.filed",
                "notification.registration.approved");
        assertThat(keys(company.eastManager().username())).contains("notification.registration.to-decide");
    }

    @Test
    void a_rejection_needs_a_comment_is_decided_once_and_only_by_the_approver() {
        RegistrationRequest request = westAsks(null);
        assertThatThrownBy(() -> as(company.westManager().username(),
                () -> registrations.reject(request.id(), request.version(), "no")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(company.eastManager().username(),
                () -> registrations.reject(request.id(), request.version(), " ")))
                .isInstanceOf(InvalidInputException.class);

        RegistrationRequest rejected = as(company.eastManager().username(),
                () -> registrations.reject(request.id(), request.version(), "东区已在跟进，请勿重复"));

        assertThat(rejected.status()).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(rejected.opportunityId()).isNull();
        assertThat(keys(company.westRep().username())).contains("notification.registration.rejected");
        assertThatThrownBy(() -> as(company.eastManager().username(),
                () -> registrations.approve(request.id(), rejected.version(), null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey).containsExactly("validation.registration.decided"));
        assertThat(as(company.westRep().username(), () -> registrations.mine())).extracting(RegistrationRequest::id)
                .contains(request.id());
    }

    @Test
    void a_product_another_rep_already_sells_the_customer_needs_registration_even_on_a_shared_customer() {
        Product licence = as("admin", () -> products.create(new ProductDraft(TestData.unique("LIC"), "企业版许可",
                new BigDecimal("50000.00"), "CNY")));
        Opportunity eastDeal = as(company.eastRep().username(), () -> editing.create(new OpportunityDraft(
                "东区许可", eastCustomer.id(), null, null, pipeline.id(), null, null, null, null, null, null, null)));
        as(company.eastRep().username(), () -> editing.setLines(eastDeal.id(), eastDeal.version(),
                List.of(new LineDraft(licence.id(), BigDecimal.ONE, null, null))));
        // the manager works the same customer himself and tries to sell the same product
        Opportunity managerDeal = as(company.eastManager().username(), () -> editing.create(
                new OpportunityDraft("经理直签", eastCustomer.id(), null, null, pipeline.id(), null, null, null, null,
                        null, null, null)));

        assertThatThrownBy(() -> as(company.eastManager().username(), () -> editing.setLines(
                managerDeal.id(), managerDeal.version(), List.of(new LineDraft(licence.id(), BigDecimal.ONE, null,
                        null))))).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                .extracting(FieldProblem::messageKey).containsExactly("validation.registration.product-taken"));
        RegistrationRequest request = as(company.eastManager().username(), () -> registrations.request(
                new RegistrationDraft(eastCustomer.id(), licence.id(), "经理直签许可", "客户高层指定由经理对接")));
        assertThat(request.holderId()).isEqualTo(company.eastRep().id());
        assertThatThrownBy(() -> as(company.eastRep().username(), () -> registrations.request(
                new RegistrationDraft(eastCustomer.id(), null, "x", "y"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey).containsExactly("validation.registration.not-needed"));
    }

    private List<String> keys(String username) {
        return as(username, () -> notifications.mine(false, PageRequest.of(0, 50)).items().stream()
                .map(Notification::messageKey).toList());
    }
}
