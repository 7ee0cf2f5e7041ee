package dev.funnel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.followup.FollowUp;
import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerFilter;
import dev.funnel.customer.CustomerService;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityFilter;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who sees what: a rep their own, a manager their team and its sub-teams, an admin everything. */
class VisibilityTest extends IntegrationTest {

    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    CustomerService customers;
    @Autowired
    FollowUpService activities;

    Org company;
    Opportunity eastDeal;
    Opportunity westDeal;

    @BeforeEach
    void organisationWithOneDealPerTeam() {
        company = data.organisation();
        Pipeline pipeline = data.pipeline();
        eastDeal = data.opportunityOf(company.eastRep(), pipeline);
        westDeal = data.opportunityOf(company.westRep(), pipeline);
    }

    @Test
    void rep_cannot_read_another_teams_opportunity_or_customer() {
        signIn(company.eastRep().username());

        assertThat(opportunities.get(eastDeal.id()).name()).isEqualTo(eastDeal.name());
        assertThatThrownBy(() -> opportunities.get(westDeal.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> customers.get(westDeal.customerId())).isInstanceOf(NotFoundException.class);
        assertThat(opportunities.list(OpportunityFilter.none(), PageRequest.of(0, 500)).items())
                .extracting(Opportunity::ownerId).containsOnly(company.eastRep().id());
        assertThat(customers.list(CustomerFilter.none(), PageRequest.of(0, 500)).items())
                .extracting(Customer::ownerId).containsOnly(company.eastRep().id());
    }

    @Test
    void rep_cannot_change_another_teams_opportunity() {
        signIn(company.eastRep().username());

        assertThatThrownBy(() -> editing.update(westDeal.id(), westDeal.version(),
                OpportunityDraft.of(westDeal)))
                .isInstanceOf(NotFoundException.class);
        assertThat(as("admin", () -> opportunities.get(westDeal.id())).version()).isEqualTo(westDeal.version());
    }

    @Test
    void team_manager_sees_their_team_but_not_the_sibling_team() {
        signIn(company.eastManager().username());

        assertThat(opportunities.get(eastDeal.id()).id()).isEqualTo(eastDeal.id());
        assertThatThrownBy(() -> opportunities.get(westDeal.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void director_sees_every_sub_team_and_admin_sees_all() {
        signIn(company.director().username());
        assertThat(opportunities.list(OpportunityFilter.none(), PageRequest.of(0, 500)).items())
                .extracting(Opportunity::id).contains(eastDeal.id(), westDeal.id());

        signIn("admin");
        assertThat(opportunities.get(westDeal.id()).id()).isEqualTo(westDeal.id());
    }

    @Test
    void follow_ups_are_visible_to_their_owner_and_managers_only() {
        FollowUp call = as(company.eastRep().username(), () -> activities.log(new FollowUpDraft(FollowUpType.CALL, null,
                "电话沟通预算", eastDeal.customerId(), null, eastDeal.id())));

        assertThat(as(company.eastManager().username(), () -> activities.forOpportunity(eastDeal.id())))
                .extracting(FollowUp::id).containsExactly(call.id());
        assertThatThrownBy(() -> as(company.westRep().username(), () -> activities.forCustomer(eastDeal.customerId())))
                .isInstanceOf(NotFoundException.class);
    }
}
