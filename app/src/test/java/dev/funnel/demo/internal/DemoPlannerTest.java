package dev.funnel.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.demo.internal.DemoPlan.Company;
import dev.funnel.demo.internal.DemoPlan.Deal;
import dev.funnel.demo.internal.DemoPlan.Step;
import dev.funnel.identity.UserImport;
import dev.funnel.pipeline.OpportunityStatus;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan of the demo company, without a database: the same day gives the same company, and it holds together. */
class DemoPlannerTest {

    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 26, 10, 30, 0, 0, ZoneOffset.ofHours(8));
    static final LocalDate TODAY = NOW.toLocalDate();

    static DemoPlan plan() {
        return DemoPlanner.plan(NOW, TODAY, ZoneOffset.UTC, 30, "{bcrypt}hash");
    }

    @Test
    void the_same_day_gives_the_same_company() {
        assertThat(plan()).isEqualTo(plan());
    }

    @Test
    void the_readme_demo_users_are_the_staff() {
        List<UserImport> staff = plan().staff();

        assertThat(staff).extracting(UserImport::username).containsExactly("director", "manager.east",
                "manager.north", "manager.south", "rep01", "rep02", "rep03", "rep04", "rep05", "rep06", "rep07",
                "rep08", "rep09", "rep10", "rep11", "rep12");
        assertThat(staff).extracting(UserImport::fullName).contains("王建国", "陈志明", "刘海涛", "黄伟强", "张伟", "罗佳");
        assertThat(staff).filteredOn(u -> u.username().startsWith("rep"))
                .extracting(UserImport::teamName).containsOnly("华东大区", "华北大区", "华南大区");
    }

    @Test
    void every_deal_has_a_history_in_order_that_starts_in_the_first_stage_and_nothing_lies_after_today() {
        DemoPlan plan = plan();

        assertThat(plan.companies()).hasSize(300);
        assertThat(plan.deals()).hasSize(1000).allSatisfy(deal -> {
            List<Step> steps = deal.steps();
            assertThat(steps.get(0).stage()).isZero();
            assertThat(steps).extracting(Step::on).isSorted().allMatch(day -> !day.isAfter(TODAY));
            assertThat(steps.get(steps.size() - 1).closes()).isEqualTo(deal.status() != OpportunityStatus.OPEN);
            assertThat(deal.createdOn()).isAfterOrEqualTo(plan.companies().get(deal.customer()).createdOn());
        });
        assertThat(plan.followUps()).allMatch(f -> !f.at().isAfter(NOW));
    }

    @Test
    void a_few_customers_are_in_the_pool_without_open_deals_since_after_their_last_follow_up() {
        DemoPlan plan = plan();
        List<Integer> pooled = java.util.stream.IntStream.range(0, plan.companies().size())
                .filter(i -> plan.companies().get(i).inPool()).boxed().toList();

        assertThat(pooled).hasSizeBetween(1, 8);
        for (int i : pooled) {
            Company company = plan.companies().get(i);
            assertThat(plan.deals()).filteredOn(d -> d.customer() == i).extracting(Deal::status)
                    .doesNotContain(OpportunityStatus.OPEN);
            assertThat(plan.followUps()).filteredOn(f -> f.customer() == i)
                    .allMatch(f -> f.at().toLocalDate().isBefore(company.ownedSince()));
        }
    }

    @Test
    void orders_never_receive_more_than_their_amount() {
        assertThat(plan().orders()).isNotEmpty().allSatisfy(order -> assertThat(order.payments().stream()
                .map(DemoPlan.PaymentPlan::amount).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add))
                .isLessThanOrEqualTo(order.amount()));
    }
}
