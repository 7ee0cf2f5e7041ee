package dev.funnel.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.customer.Customer;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.platform.NotFoundException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A rep's follow-ups logged at once, each on the day it happened: all of them, or none when one is refused. */
class FollowUpBatchTest extends IntegrationTest {

    @Autowired
    FollowUpService activities;

    Org company;
    Opportunity deal;
    OffsetDateTime lastWeek;

    @BeforeEach
    void aRepsDeal() {
        company = data.organisation();
        deal = data.opportunityOf(company.eastRep(), data.pipeline());
        lastWeek = OffsetDateTime.now(clock).minusDays(7).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void a_rep_logs_past_follow_ups_at_once_with_the_time_each_happened() {
        int logged = as(company.eastRep().username(), () -> activities.logAll(List.of(
                new FollowUpDraft(FollowUpType.VISIT, lastWeek, "上门拜访", deal.customerId(), null, deal.id()),
                new FollowUpDraft(FollowUpType.CALL, lastWeek.plusDays(2), "电话跟进报价", deal.customerId(), null,
                        deal.id()),
                new FollowUpDraft(FollowUpType.NOTE, lastWeek.plusDays(3), "等待预算审批", deal.customerId(), null,
                        null))));

        assertThat(logged).isEqualTo(3);
        assertThat(as(company.eastRep().username(), () -> activities.forCustomer(deal.customerId())))
                .extracting(FollowUp::occurredAt).map(at -> at.toInstant())
                .containsExactlyInAnyOrder(lastWeek.toInstant(), lastWeek.plusDays(2).toInstant(),
                        lastWeek.plusDays(3).toInstant());
        assertThat(as(company.eastRep().username(), () -> activities.lastFollowUp(deal.customerId())))
                .map(OffsetDateTime::toInstant).contains(lastWeek.plusDays(3).toInstant());
    }

    @Test
    void one_follow_up_on_a_customer_the_rep_may_not_see_refuses_them_all() {
        Customer someoneElses = data.customerOf(company.westRep());

        assertThatThrownBy(() -> as(company.eastRep().username(), () -> activities.logAll(List.of(
                new FollowUpDraft(FollowUpType.CALL, lastWeek, "电话沟通", deal.customerId(), null, deal.id()),
                new FollowUpDraft(FollowUpType.CALL, lastWeek, "电话沟通", someoneElses.id(), null, null)))))
                .isInstanceOf(NotFoundException.class);
        assertThat(as(company.eastRep().username(), () -> activities.forCustomer(deal.customerId()))).isEmpty();
    }
}
