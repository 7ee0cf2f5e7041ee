package dev.funnel.customer360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.customer.Customer;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.platform.TimelineCursor;
import dev.funnel.platform.TimelineEntry;
import dev.funnel.platform.TimelineKind;
import dev.funnel.order.Order;
import dev.funnel.order.OrderDraft;
import dev.funnel.order.OrderService;
import dev.funnel.order.PaymentDraft;
import dev.funnel.support.RequestPriority;
import dev.funnel.support.ServiceRequestDraft;
import dev.funnel.support.ServiceRequestService;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One customer's figures and merged timeline, worked out by hand from what the test records. */
class Customer360Test extends IntegrationTest {

    @Autowired
    Customer360Service overview;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    FollowUpService activities;
    @Autowired
    OrderService orders;
    @Autowired
    ServiceRequestService requests;

    UserSummary rep;
    Customer customer;
    Opportunity won;
    Order order;

    @BeforeEach
    void aCustomerWithHistory() {
        rep = data.user(Role.SALES_REP, null);
        Pipeline pipeline = data.pipeline();
        customer = data.customerOf(rep);
        signIn(rep.username());
        Opportunity deal = data.opportunityOf(rep, pipeline);
        // data.opportunityOf makes its own customer; this customer gets a deal of its own
        Opportunity mine = editing.create(new dev.funnel.pipeline.OpportunityDraft(TestData.unique("扩容"),
                customer.id(), null, null, pipeline.id(), null, new BigDecimal("80000.00"), "CNY", null, null, null,
                null));
        won = closing.win(mine.id(), mine.version(), new BigDecimal("75000.00"), LocalDate.now(clock));
        editing.create(new dev.funnel.pipeline.OpportunityDraft(TestData.unique("二期"), customer.id(), null,
                null, pipeline.id(), null, new BigDecimal("120000.00"), "CNY", null, null, null, null));
        activities.log(new FollowUpDraft(FollowUpType.VISIT, OffsetDateTime.now(clock).minusDays(3), "现场拜访，确认预算",
                customer.id(), null, null, null));
        order = orders.create(new OrderDraft(TestData.unique("SO"), customer.id(), won.id(), LocalDate.now(clock),
                new BigDecimal("75000.00"), "CNY", null));
        order = orders.addPayment(order.id(), order.version(), new PaymentDraft(LocalDate.now(clock),
                new BigDecimal("30000.00"), "首付款"));
        requests.create(new ServiceRequestDraft(customer.id(), null, "安装调试", null, RequestPriority.HIGH, null,
                null));
        assertThat(deal.customerId()).isNotEqualTo(customer.id());
    }

    @Test
    void the_figures_are_the_customers_own_exact_amounts() {
        CustomerFigures figures = overview.figures(customer.id());

        assertThat(figures.lifetimeWon()).containsOnlyKeys("CNY");
        assertThat(figures.lifetimeWon().get("CNY")).isEqualByComparingTo("75000.00");
        assertThat(figures.openPipeline().get("CNY")).isEqualByComparingTo("120000.00");
        assertThat(figures.openDeals()).isEqualTo(1);
        assertThat(figures.outstanding().get("CNY")).isEqualByComparingTo("45000.00");
        assertThat(figures.daysSinceLastContact()).isEqualTo(3);
        assertThat(figures.openServiceRequests()).isEqualTo(1);
    }

    @Test
    void the_timeline_merges_every_kind_newest_first_and_filters_by_kind() {
        TimelinePage page = overview.timeline(customer.id(), Set.of(), null, 50);

        assertThat(page.next()).isNull();
        assertThat(page.entries()).extracting(TimelineEntry::kind).contains(TimelineKind.FOLLOW_UP,
                TimelineKind.STAGE_CHANGE, TimelineKind.ORDER, TimelineKind.PAYMENT, TimelineKind.SERVICE_REQUEST);
        assertThat(page.entries()).extracting(TimelineEntry::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(page.entries()).filteredOn(e -> e.kind() == TimelineKind.STAGE_CHANGE)
                .extracting(TimelineEntry::code).containsExactlyInAnyOrder("CREATED", "WON", "CREATED");
        assertThat(page.entries().get(page.entries().size() - 1).kind()).isEqualTo(TimelineKind.FOLLOW_UP);

        assertThat(overview.timeline(customer.id(), Set.of(TimelineKind.PAYMENT), null, 50).entries())
                .singleElement().satisfies(e -> {
                    assertThat(e.amount()).isEqualByComparingTo("30000.00");
                    assertThat(e.subject()).isEqualTo(order.number());
                });
    }

    @Test
    void paging_through_entries_of_the_same_instant_skips_and_repeats_nothing() {
        for (int i = 0; i < 5; i++) {
            orders.create(new OrderDraft(TestData.unique("SO-same-day"), customer.id(), null, LocalDate.now(clock),
                    BigDecimal.TEN, "CNY", null));
        }
        List<TimelineEntry> whole = overview.timeline(customer.id(), Set.of(), null, 100).entries();
        List<TimelineEntry> paged = new ArrayList<>();
        TimelineCursor cursor = null;
        do {
            TimelinePage page = overview.timeline(customer.id(), Set.of(), cursor, 2);
            paged.addAll(page.entries());
            cursor = page.next();
        } while (cursor != null);

        assertThat(paged).containsExactlyElementsOf(whole);
        // 1 follow-up, 3 stage changes, 6 orders, 1 payment, 1 service request
        assertThat(whole).hasSize(12);
    }

    @Test
    void a_payment_beyond_what_is_outstanding_or_on_a_stale_order_is_refused() {
        assertThatThrownBy(() -> orders.addPayment(order.id(), order.version(), new PaymentDraft(LocalDate.now(clock),
                new BigDecimal("45000.01"), null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey).containsExactly("validation.payment.exceeds"));
        assertThatThrownBy(() -> orders.addPayment(order.id(), order.version() - 1, new PaymentDraft(LocalDate.now(clock),
                BigDecimal.ONE, null))).isInstanceOf(StaleVersionException.class);
        Order paid = orders.addPayment(order.id(), order.version(), new PaymentDraft(LocalDate.now(clock),
                new BigDecimal("45000.00"), "尾款"));
        assertThat(paid.outstanding()).isEqualByComparingTo("0");
    }

    @Test
    void another_rep_sees_none_of_it() {
        UserSummary stranger = data.user(Role.SALES_REP, null);
        signIn(stranger.username());

        assertThatThrownBy(() -> overview.figures(customer.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> overview.timeline(customer.id(), Set.of(), null, 10))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> orders.get(order.id())).isInstanceOf(NotFoundException.class);
    }
}
