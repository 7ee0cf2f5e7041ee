package dev.funnel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page of the opportunity list holds each deal exactly as reading it alone does (the page reads its rows by
 * position straight from JDBC, one deal alone through jOOQ's records), in the list's order, and only deals the
 * caller sees.
 */
class OpportunityPageTest extends IntegrationTest {

    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    OpportunityCloseService closing;

    @Test
    void every_field_of_a_listed_deal_is_the_deals_own_in_the_lists_order_for_whom_it_is_visible() {
        Org company = data.organisation();
        Pipeline pipeline = data.pipeline();
        Opportunity plain = data.opportunityOf(company.eastRep(), pipeline);
        Opportunity filled = data.opportunityOf(company.eastRep(), pipeline);
        Opportunity won = data.opportunityOf(company.eastRep(), pipeline);
        Opportunity lost = data.opportunityOf(company.eastRep(), pipeline);
        Opportunity elsewhere = data.opportunityOf(company.westRep(), pipeline);
        data.as(company.eastManager().username(), () -> {
            OpportunityDraft draft = OpportunityDraft.of(filled);
            editing.update(filled.id(), filled.version(), new OpportunityDraft(draft.name(), draft.customerId(),
                    null, draft.ownerId(), draft.pipelineId(), draft.stageId(),
                    new BigDecimal("98765.43"), "USD", LocalDate.of(2027, 3, 31), "exhibition", null, null, "A",
                    "Send the quotation", company.eastManager().id()));
            closing.win(won.id(), won.version(), new BigDecimal("120000.50"), LocalDate.of(2026, 11, 30));
            closing.lose(lost.id(), lost.version(), "price", "Chose a cheaper supplier");
            return null;
        });
        OpportunityFilter ofPipeline = new OpportunityFilter(null, null, pipeline.id(), null, null);
        List<Long> eastDeals = List.of(plain.id(), filled.id(), won.id(), lost.id());

        for (String person : List.of(company.eastManager().username(), "admin")) {
            data.as(person, () -> {
                PageResult<Opportunity> page = opportunities.list(ofPipeline, PageRequest.of(0, 200));
                assertThat(page.items()).extracting(Opportunity::id).as(person).containsAll(eastDeals).hasSize(person.equals("admin") ? 5 : 4);
                for (Opportunity listed : page.items()) {
                    assertThat(listed).as(person).isEqualTo(opportunities.get(listed.id()));
                }
                assertThat(page.items()).as(person).isSortedAccordingTo(
                        Comparator.comparing(Opportunity::updatedAt).reversed()
                                .thenComparing(Comparator.comparingLong(Opportunity::id).reversed()));
                return null;
            });
        }
        data.as(company.eastManager().username(), () -> {
            assertThat(opportunities.list(ofPipeline, PageRequest.of(0, 200)).items())
                    .extracting(Opportunity::id).doesNotContain(elsewhere.id());
            return null;
        });
        Opportunity read = data.as(company.eastRep().username(), () -> opportunities.get(filled.id()));
        assertThat(read.presalesId()).isEqualTo(company.eastManager().id());
        assertThat(read.grade()).isEqualTo("A");
        assertThat(data.as(company.eastRep().username(), () -> opportunities.get(lost.id())).lostComment())
                .isEqualTo("Chose a cheaper supplier");
        assertThat(data.as(company.eastRep().username(), () -> opportunities.get(won.id())).actualAmount())
                .isEqualByComparingTo("120000.50");
    }
}
