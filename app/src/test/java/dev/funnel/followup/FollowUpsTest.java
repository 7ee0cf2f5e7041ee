package dev.funnel.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Follow-ups logged on a customer or on one of its opportunities, as the 360 and the deal page log them. */
class FollowUpsTest extends IntegrationTest {

    @Autowired
    FollowUpService activities;

    Org company;
    Pipeline pipeline;
    Opportunity deal;

    @BeforeEach
    void aDealOfTheEastRep() {
        company = data.organisation();
        pipeline = data.pipeline();
        deal = data.opportunityOf(company.eastRep(), pipeline);
        signIn(company.eastRep().username());
    }

    @Test
    void ids_in_the_test_database_are_as_large_as_in_production() {
        // the first release compared two boxed customer ids with ==, which holds only from -128 to 127
        assertThat(deal.customerId()).isGreaterThan(100_000L);
        assertThat(deal.id()).isGreaterThan(100_000L).isNotEqualTo(deal.customerId());
    }

    @Test
    void a_rep_logs_a_follow_up_on_the_deal_page_of_a_customer_with_a_large_id() {
        FollowUp logged = activities.log(new FollowUpDraft(FollowUpType.VISIT, null, "拜访IT负责人，确认预算范围",
                Long.valueOf(deal.customerId()), null, deal.id()));

        assertThat(logged.opportunityId()).isEqualTo(deal.id());
        assertThat(logged.customerId()).isEqualTo(deal.customerId());
        assertThat(activities.forOpportunity(deal.id())).extracting(FollowUp::content)
                .containsExactly("拜访IT负责人，确认预算范围");
        assertThat(activities.forCustomer(deal.customerId())).extracting(FollowUp::id).containsExactly(logged.id());
    }

    @Test
    void a_follow_up_on_an_opportunity_of_another_customer_is_refused_by_the_opportunity_field() {
        long otherCustomer = data.customerOf(company.eastRep()).id();

        assertThatThrownBy(() -> activities.log(new FollowUpDraft(FollowUpType.CALL, null, "电话沟通",
                otherCustomer, null, deal.id())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("opportunityId",
                                "validation.opportunity.other-customer")));
        assertThat(activities.forCustomer(otherCustomer)).isEmpty();
    }
}
