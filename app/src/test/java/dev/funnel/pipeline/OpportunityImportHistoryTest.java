package dev.funnel.pipeline;

import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnel.customer.Contact;
import dev.funnel.customer.ContactDraft;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerService;
import dev.funnel.pipeline.OpportunityImport.StageEntry;
import dev.funnel.pipeline.StageHistoryEntry.Event;
import dev.funnel.platform.RowProblem;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deals moved from another system with the stages they went through: the ledger holds every entry on its day,
 * how far each deal got follows from it, and an open deal gets its stage's tasks as if it had entered it here.
 */
class OpportunityImportHistoryTest extends IntegrationTest {

    @Autowired
    OpportunityImportService imports;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    TaskService tasks;
    @Autowired
    CustomerService customers;
    @Autowired
    DSLContext db;

    Org company;
    Pipeline pipeline;
    Customer customer;
    Contact contact;
    LocalDate today;

    @BeforeEach
    void aRepsCustomerInAPipelineWithAProcess() {
        company = data.organisation();
        pipeline = data.gatedPipeline();
        customer = data.customerOf(company.eastRep());
        contact = as(company.eastRep().username(), () -> customers.addContact(customer.id(),
                new ContactDraft("李娜", "采购经理", null, TestData.unique("li.na") + "@example.cn")));
        today = LocalDate.now(clock);
    }

    private long stage(int index) {
        return pipeline.stages().get(index).id();
    }

    private OpportunityImport deal(String ref, OpportunityStatus status, long stageId, LocalDate createdOn,
                                   LocalDate enteredOn, LocalDate closedOn, Long contactId, List<StageEntry> path) {
        return new OpportunityImport(2, ref, TestData.unique("迁移商机"), customer.id(), company.eastRep().id(),
                pipeline.id(), stageId, status, new BigDecimal("300000.00"), "CNY", createdOn, enteredOn, closedOn,
                null, null, null, null, contactId, path);
    }

    @Test
    void every_stage_a_deal_went_through_is_in_its_history_and_its_tasks_are_due_from_its_entry_into_its_stage() {
        String ref = TestData.unique("CRM-1");
        OpportunityImport row = deal(ref, OpportunityStatus.OPEN, stage(1), today.minusDays(40), today.minusDays(5),
                null, contact.id(), List.of(new StageEntry(stage(1), today.minusDays(30)),
                        new StageEntry(stage(2), today.minusDays(20)), new StageEntry(stage(0), today.minusDays(12))));

        assertThat(as("admin", () -> imports.check(List.of(row)))).isEmpty();
        as("admin", () -> imports.importAll(List.of(row)));
        long id = as("admin", () -> imports.idsByExternalRef(List.of(ref))).get(ref);

        assertThat(as("admin", () -> opportunities.history(id)))
                .extracting(StageHistoryEntry::event, StageHistoryEntry::fromStageId, StageHistoryEntry::toStageId,
                        e -> e.changedAt().atZoneSameInstant(clock.getZone()).toLocalDate())
                .containsExactly(tuple(Event.CREATED, null, stage(0), today.minusDays(40)),
                        tuple(Event.MOVED, stage(0), stage(1), today.minusDays(30)),
                        tuple(Event.MOVED, stage(1), stage(2), today.minusDays(20)),
                        tuple(Event.MOVED, stage(2), stage(0), today.minusDays(12)),
                        tuple(Event.MOVED, stage(0), stage(1), today.minusDays(5)));
        assertThat(db.select(OPPORTUNITY.REACHED_POSITION).from(OPPORTUNITY).where(OPPORTUNITY.ID.eq(id))
                .fetchOne(OPPORTUNITY.REACHED_POSITION)).as("it got as far as the third stage").isEqualTo(3);
        assertThat(as("admin", () -> opportunities.get(id)).contactId()).isEqualTo(contact.id());
        // Propose: a solution demo by pre-sales (the owner, there being none) in 7 days, a manager review in 3
        assertThat(as(company.eastRep().username(), () -> tasks.mine(Task.Status.OPEN)))
                .filteredOn(t -> t.opportunityId() == id).extracting(Task::titleEn, Task::dueDate)
                .containsExactly(tuple("Solution demo", today.plusDays(2)));
        assertThat(as(company.eastManager().username(), () -> tasks.mine(Task.Status.OPEN)))
                .filteredOn(t -> t.opportunityId() == id).extracting(Task::titleEn, Task::dueDate)
                .containsExactly(tuple("Manager review", today.minusDays(2)));
    }

    @Test
    void a_closed_deal_gets_no_tasks() {
        String ref = TestData.unique("CRM-2");
        OpportunityImport row = deal(ref, OpportunityStatus.WON, stage(2), today.minusDays(60), today.minusDays(20),
                today.minusDays(3), null, List.of(new StageEntry(stage(1), today.minusDays(40))));

        as("admin", () -> imports.importAll(List.of(row)));
        long id = as("admin", () -> imports.idsByExternalRef(List.of(ref))).get(ref);

        assertThat(as("admin", () -> opportunities.history(id))).extracting(StageHistoryEntry::event)
                .containsExactly(Event.CREATED, Event.MOVED, Event.MOVED, Event.WON);
        assertThat(as(company.eastRep().username(), () -> tasks.mine(null)))
                .noneMatch(t -> t.opportunityId() == id);
    }

    @Test
    void a_path_out_of_the_pipeline_out_of_order_incomplete_or_with_another_customers_contact_is_refused() {
        Pipeline other = data.pipeline();
        Customer someoneElses = data.customerOf(company.westRep());
        Contact stranger = as(company.westRep().username(), () -> customers.addContact(someoneElses.id(),
                new ContactDraft("王伟", null, null, null)));
        List<OpportunityImport> rows = List.of(
                deal(TestData.unique("a"), OpportunityStatus.OPEN, stage(2), null, today, null, null,
                        List.of(new StageEntry(other.stages().get(1).id(), today.minusDays(3)))),
                deal(TestData.unique("b"), OpportunityStatus.OPEN, stage(2), today.minusDays(30), today, null, null,
                        List.of(new StageEntry(stage(1), today.minusDays(10)),
                                new StageEntry(stage(0), today.minusDays(20)))),
                deal(TestData.unique("c"), OpportunityStatus.OPEN, stage(2), today.minusDays(30), null, null, null,
                        List.of(new StageEntry(stage(1), today.minusDays(10)))),
                deal(TestData.unique("d"), OpportunityStatus.OPEN, stage(1), today.minusDays(30), today, null, null,
                        List.of(new StageEntry(stage(1), today.minusDays(10)))),
                deal(TestData.unique("e"), OpportunityStatus.OPEN, stage(0), null, null, null, stranger.id(), List.of()));

        assertThat(as("admin", () -> imports.check(rows)))
                .extracting(RowProblem::index, p -> p.problem().field(), p -> p.problem().messageKey())
                .containsExactlyInAnyOrder(tuple(0, "earlierStages", "validation.stage.other-pipeline"),
                        tuple(1, "earlierStages", "validation.import.stage-path-order"),
                        tuple(2, "earlierStages", "validation.import.stage-path"),
                        tuple(3, "earlierStages", "validation.import.stage-path"),
                        tuple(4, "contactId", "validation.contact.other-customer"));
    }
}
