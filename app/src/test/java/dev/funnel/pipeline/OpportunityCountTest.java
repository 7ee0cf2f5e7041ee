package dev.funnel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.identity.UserSummary;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportMapping;
import dev.funnel.importexport.ImportMode;
import dev.funnel.importexport.ImportService;
import dev.funnel.pipeline.internal.OpportunityRepository;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The total of a page of opportunities is exact. Narrowed by owner, pipeline, stage and status only, it is read from
 * the tally per owner, pipeline, stage and status (db-changelog 1.10/opportunity-list.xml) and the changes not
 * folded into it yet: checked here against the deals the list actually pages through, for every person's
 * visibility, after creations, an import, moves, wins, losses, a reopening and a new owner, with the changes folded
 * and not.
 */
class OpportunityCountTest extends IntegrationTest {

    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    StageProgressService progress;
    @Autowired
    ImportService imports;
    @Autowired
    OpportunityRepository repository;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void the_total_is_the_number_of_deals_listed_for_every_filter_and_person_as_deals_change() {
        Org company = data.organisation();
        Pipeline first = data.pipeline();
        Pipeline second = data.pipeline();
        List<Opportunity> deals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deals.add(data.opportunityOf(company.eastRep(), first));
            deals.add(data.opportunityOf(company.westRep(), first));
        }
        deals.add(data.opportunityOf(company.eastRep(), second));
        importDeals(company.eastRep(), second);
        List<String> people = List.of("admin", company.eastManager().username(), company.eastRep().username(),
                company.westRep().username());

        totalsMatchTheDealsListed(people, company, first, second);
        repository.foldTally();
        totalsMatchTheDealsListed(people, company, first, second);

        // moves, a win, a loss and a reopening: half of them folded before the rest happen
        Opportunity moved = as(company.eastRep().username(),
                () -> progress.moveToStage(deals.get(0).id(), deals.get(0).version(), stage(first, 2), null));
        as(company.westRep().username(), () -> closing.win(deals.get(1).id(), deals.get(1).version(),
                new BigDecimal("90000"), LocalDate.now(clock)));
        repository.foldTally();
        Opportunity lost = as(company.eastRep().username(),
                () -> closing.lose(deals.get(2).id(), deals.get(2).version(), "price", null));
        as(company.eastManager().username(), () -> closing.reopen(lost.id(), lost.version()));
        as(company.eastRep().username(), () -> closing.lose(moved.id(), moved.version(), "budget", null));
        totalsMatchTheDealsListed(people, company, first, second);

        // a deal given to the west rep leaves the east manager's total and joins the west rep's
        Opportunity given = data.asAdmin(() -> opportunities.get(deals.get(4).id()));
        data.asAdmin(() -> editing.update(given.id(), given.version(),
                withOwner(OpportunityDraft.of(given), company.westRep().id())));
        totalsMatchTheDealsListed(people, company, first, second);
        repository.foldTally();
        totalsMatchTheDealsListed(people, company, first, second);
    }

    @Test
    void a_page_read_inside_a_callers_transaction_is_the_page_read_without_one() {
        Org company = data.organisation();
        Pipeline pipeline = data.pipeline();
        for (int i = 0; i < 3; i++) {
            data.opportunityOf(company.eastRep(), pipeline);
        }
        OpportunityFilter filter = new OpportunityFilter(null, null, pipeline.id(), null, null);
        var alone = as(company.eastManager().username(), () -> opportunities.list(filter, PageRequest.of(0, 2)));
        var inTransaction = as(company.eastManager().username(),
                () -> transactions.execute(status -> opportunities.list(filter, PageRequest.of(0, 2))));

        assertThat(alone.total()).isEqualTo(3);
        assertThat(alone.items()).hasSize(2);
        assertThat(inTransaction).isEqualTo(alone);
    }

    @Test
    void a_filter_counted_from_the_tally_narrows_by_owner_pipeline_stage_or_status_only() {
        // a new part of the filter must be counted deal by deal, or taught to the tally: this fails until decided
        assertThat(Arrays.stream(OpportunityFilter.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("text", "ownerId", "pipelineId", "stageId", "status", "stalled", "closeFrom",
                        "closeTo", "minWinProbability", "mostLikelyFirst", "sync");
        assertThat(new OpportunityFilter(null, 7L, 8L, 9L, OpportunityStatus.OPEN).onlyOwnerPipelineStageOrStatus())
                .isTrue();
        assertThat(new OpportunityFilter("acme", null, null, null, null).onlyOwnerPipelineStageOrStatus()).isFalse();
        assertThat(OpportunityFilter.stalled(null).onlyOwnerPipelineStageOrStatus()).isFalse();
        assertThat(OpportunityFilter.closing(null, LocalDate.of(2026, 1, 1), null).onlyOwnerPipelineStageOrStatus())
                .isFalse();
    }

    private void totalsMatchTheDealsListed(List<String> people, Org company, Pipeline first, Pipeline second) {
        List<OpportunityFilter> filters = new ArrayList<>();
        // no pipeline (counted from the tally per owner and status), then each pipeline (from the full tally)
        for (Pipeline pipeline : Arrays.asList(null, first, second)) {
            for (Long owner : Arrays.asList(null, company.eastRep().id(), company.westRep().id())) {
                for (OpportunityStatus status : Arrays.asList(null, OpportunityStatus.OPEN, OpportunityStatus.WON,
                        OpportunityStatus.LOST)) {
                    filters.add(new OpportunityFilter(null, owner, pipeline == null ? null : pipeline.id(), null,
                            status));
                }
            }
            if (pipeline == null) {
                continue;
            }
            for (Stage stage : pipeline.stages()) {
                filters.add(new OpportunityFilter(null, null, pipeline.id(), stage.id(), null));
                filters.add(new OpportunityFilter(null, null, pipeline.id(), stage.id(), OpportunityStatus.OPEN));
            }
        }
        for (String person : people) {
            for (OpportunityFilter filter : filters) {
                as(person, () -> {
                    assertThat(opportunities.list(filter, PageRequest.of(0, 1)).total())
                            .as("%s, %s", person, filter).isEqualTo(listed(filter));
                    return null;
                });
            }
        }
        // a rep's own deals, with no filter at all: only these tests' deals are theirs
        for (UserSummary rep : List.of(company.eastRep(), company.westRep())) {
            as(rep.username(), () -> {
                assertThat(opportunities.list(OpportunityFilter.none(), PageRequest.of(0, 1)).total())
                        .isEqualTo(listed(OpportunityFilter.none())).isPositive();
                return null;
            });
        }
    }

    /**
     * The deals the list pages through, counted one by one; every page, the empty one past the end too, gives the
     * same total as the first (each page reads its ids and its total in one round trip).
     */
    private long listed(OpportunityFilter filter) {
        long listed = 0;
        java.util.Set<Long> totals = new java.util.HashSet<>();
        for (int page = 0; ; page++) {
            var result = opportunities.list(filter, PageRequest.of(page, 100));
            totals.add(result.total());
            listed += result.items().size();
            if (result.items().size() < 100) {
                totals.add(opportunities.list(filter, PageRequest.of(page + 1, 100)).total());
                assertThat(totals).as("the totals of every page of %s", filter).hasSize(1);
                return listed;
            }
        }
    }

    /** Four deals through the import, which writes them with COPY: one open, one won, one lost, one open. */
    private void importDeals(UserSummary owner, Pipeline pipeline) {
        String tag = "tally-" + System.nanoTime();
        String csv = Stream.of("id,owner,stage,entered,closed,amount",
                        "%s-1,%s,%s,2026-03-01,,1000", "%s-2,%s,WON,2026-03-01,2026-04-01,2000",
                        "%s-3,%s,LOST,2026-03-01,2026-04-02,3000", "%s-4,%s,%s,2026-03-02,,4000")
                .map(line -> line.formatted(tag, owner.username(), pipeline.stages().get(1).nameEn()))
                .reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n";
        ImportMapping mapping = new ImportMapping(Map.of("id", "externalId", "owner", "owner", "stage", "stage",
                "entered", "stageEnteredOn", "closed", "closeDate", "amount", "amount"),
                null, Map.of("pipeline", pipeline.name()), null);
        var result = data.asAdmin(() -> imports.run(ImportEntity.OPPORTUNITIES, csv.getBytes(StandardCharsets.UTF_8),
                null, mapping, ImportMode.VALID_ONLY, Locale.ENGLISH, null));
        assertThat(result.errors()).isEmpty();
        assertThat(result.imported()).isEqualTo(4);
    }

    private static long stage(Pipeline pipeline, int index) {
        return pipeline.stages().get(index).id();
    }

    private static OpportunityDraft withOwner(OpportunityDraft d, long ownerId) {
        Objects.requireNonNull(d);
        return new OpportunityDraft(d.name(), d.customerId(), d.contactId(), ownerId, d.pipelineId(), d.stageId(),
                d.amount(), d.currency(), d.expectedCloseDate(), d.leadSource(), d.status(), d.lostReason(),
                d.grade(), d.nextStep(), d.presalesId());
    }
}
