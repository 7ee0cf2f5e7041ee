package dev.funnel.demo.internal;

import dev.funnel.followup.FollowUpType;
import dev.funnel.analytics.PeriodKind;
import dev.funnel.catalog.ProductImport;
import dev.funnel.customer.ContactDraft;
import dev.funnel.customer.CustomerStatus;
import dev.funnel.identity.UserImport;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.support.RequestPriority;
import dev.funnel.support.RequestStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The demo company as {@link DemoPlanner} plans it, before anything is stored: people and products as the import
 * records their modules take, everything else naming people by username and customers, contacts and deals by
 * their place in these lists, since their ids exist only once the modules have stored them.
 *
 * @param deals     in the order of their external ids ({@code DEMO-0001} …)
 * @param followUps in the order they are logged
 */
record DemoPlan(List<UserImport> staff, List<ProductImport> products, List<Company> companies, List<Deal> deals,
                List<FollowUp> followUps, List<OrderPlan> orders, List<RequestPlan> requests,
                List<TargetPlan> targets, RegistrationPlan registration) {

    /**
     * A customer with its contacts. Its protection clock is its latest follow-up, or {@code ownedSince} if later.
     *
     * @param owner      the owning rep's username; null for a customer in the pool
     * @param ownedSince since when the owner has had it; for a customer in the pool, since when it is there
     */
    record Company(String name, String industry, String city, String address, String phone, String creditCode,
                   String owner, CustomerStatus status, LocalDate createdOn, LocalDate ownedSince,
                   List<ContactDraft> contacts) {

        boolean inPool() {
            return owner == null;
        }
    }

    /**
     * An opportunity and its stage history.
     *
     * @param customer the index of its customer in {@link DemoPlan#companies()}
     * @param contact  the index of its contact among the customer's
     * @param steps    the history in order: created, the moves, and for a closed deal its close
     */
    record Deal(String externalRef, int customer, int contact, String owner, String name, BigDecimal amount,
                String leadSource, OpportunityStatus status, List<Step> steps, LocalDate expectedClose,
                String lostReason) {

        LocalDate createdOn() {
            return steps.get(0).on();
        }

        /** The latest entry into a stage; closing leaves the deal in that stage. */
        Step lastEntry() {
            return steps.stream().filter(step -> !step.closes()).reduce((first, second) -> second).orElseThrow();
        }

        /** The stages entered between the first (where it was created) and the last entry. */
        List<Step> earlierEntries() {
            List<Step> entries = steps.stream().filter(step -> !step.closes()).toList();
            return entries.size() < 3 ? List.of() : entries.subList(1, entries.size() - 1);
        }

        LocalDate closedOn() {
            return status == OpportunityStatus.OPEN ? null : steps.get(steps.size() - 1).on();
        }
    }

    /**
     * One line of a stage history: an entry into a stage (the first one its creation), or the close in it.
     *
     * @param stage the stage's index in the pipeline, counted from 0
     */
    record Step(int stage, LocalDate on, boolean closes) {
    }

    /**
     * A follow-up, logged by its owner.
     *
     * @param deal    the index of its deal, or null for a follow-up on the customer alone
     * @param contact the index of the contact among the customer's, or null (a note is written for oneself)
     */
    record FollowUp(String owner, int customer, Integer deal, Integer contact, FollowUpType type, OffsetDateTime at,
                    String content) {
    }

    /** The order of a won deal, entered by the deal's owner, and the payments received so far. */
    record OrderPlan(int deal, String number, LocalDate orderDate, BigDecimal amount, String notes,
                     List<PaymentPlan> payments) {
    }

    record PaymentPlan(LocalDate receivedOn, BigDecimal amount, String notes) {
    }

    /** A customer's service request, entered by the customer's owner and, when done, resolved by them. */
    record RequestPlan(int customer, int contact, String subject, String description, RequestPriority priority,
                       RequestStatus status, LocalDate dueOn) {
    }

    /** A target of a rep (by username) or of a team (by name). */
    record TargetPlan(PeriodKind kind, LocalDate periodStart, String rep, String team, BigDecimal amount) {
    }

    /** A rep asking to work another rep's customer. */
    record RegistrationPlan(String requester, int customer, String opportunityName, String reason) {
    }
}
