package dev.funnel.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.DealScoreView;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.testsupport.IntegrationTest;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bundled deal-grade plugin, loaded from the distribution like any plugin: its verdicts carry the grade
 * with every answer, and once administrators let the grade follow it, the deals' grade is its grade.
 */
class DealGradeTest extends IntegrationTest {

    @Autowired
    ScoringService scoring;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityEditService editing;

    @Autowired
    org.springframework.test.web.servlet.MockMvc http;

    @AfterEach
    void repsSetGradesAgain() {
        as("admin", () -> {
            scoring.chooseGradeSource(null);
            scoring.choosePrimary(null);
            return null;
        });
    }

    @Test
    void the_list_filters_by_win_probability_and_lists_the_most_likely_first_in_the_ui_and_the_api()
            throws Exception {
        UserSummary rep = data.user(Role.SALES_REP, null);
        String batch = dev.funnel.testsupport.TestData.unique("likely");
        var pipeline = data.pipeline();
        var customer = data.customerOf(rep);
        Opportunity cold = as(rep.username(), () -> editing.create(new OpportunityDraft(batch + " cold",
                customer.id(), null, null, pipeline.id(), null, null, "CNY", null, null, null, null)));
        Opportunity warm = as(rep.username(), () -> editing.create(new OpportunityDraft(batch + " warm",
                customer.id(), null, null, pipeline.id(), null, new java.math.BigDecimal("50000.00"), "CNY", null, null,
                null, null, null, "Send the offer", null)));
        as("admin", () -> {
            scoring.choosePrimary("deal-grade");
            return null;
        });
        as(rep.username(), () -> scoring.rescore(cold.id(), Locale.ENGLISH));
        as(rep.username(), () -> scoring.rescore(warm.id(), Locale.ENGLISH));

        var likelyFirst = new dev.funnel.pipeline.OpportunityFilter(batch, null, null, null, null, false, null, null,
                null, true);
        assertThat(as(rep.username(), () -> opportunities.list(likelyFirst, dev.funnel.platform.PageRequest.of(0, 10))
                .items())).extracting(Opportunity::id).containsExactly(warm.id(), cold.id());
        var atLeastAFifth = new dev.funnel.pipeline.OpportunityFilter(batch, null, null, null, null, false, null,
                null, new java.math.BigDecimal("0.20"), false);
        assertThat(as(rep.username(), () -> opportunities.list(atLeastAFifth, dev.funnel.platform.PageRequest.of(0,
                10)).items())).extracting(Opportunity::id).containsExactly(warm.id());

        String listed = http.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/api/v1/opportunities").param("q", batch).param("minWinProbability", "0.2")
                        .with(org.springframework.security.test.web.servlet.request
                                .SecurityMockMvcRequestPostProcessors.httpBasic(rep.username(),
                                        dev.funnel.testsupport.TestData.PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        assertThat(listed).contains("\"id\":" + warm.id(), "\"winProbability\":0.2500")
                .doesNotContain("\"id\":" + cold.id());
        var refused = http.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/api/v1/opportunities").param("minWinProbability", "2")
                        .with(org.springframework.security.test.web.servlet.request
                                .SecurityMockMvcRequestPostProcessors.httpBasic(rep.username(),
                                        dev.funnel.testsupport.TestData.PASSWORD)))
                .andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("minWinProbability");
    }

    @Test
    void the_scorecard_grades_a_deal_with_the_answers_that_decided_it_and_the_grade_follows_when_chosen()
            throws InterruptedException {
        UserSummary rep = data.user(Role.SALES_REP, null);
        Opportunity deal = data.opportunityOf(rep, data.pipeline());
        Opportunity graded = as(rep.username(), () -> editing.update(deal.id(), deal.version(),
                new OpportunityDraft(deal.name(), deal.customerId(), null, null, null, null, deal.amount(),
                        deal.currency(), null, deal.leadSource(), null, null, "A", "Book the demo", null)));

        List<DealScoreView> verdicts = as(rep.username(), () -> scoring.rescore(deal.id(), Locale.SIMPLIFIED_CHINESE));
        DealScoreView card = verdicts.stream().filter(v -> v.scorerId().equals("deal-grade")).findFirst().orElseThrow();
        // the standard card: budget 15 and next step 10 of 100 earned: 25 % is C
        assertThat(card.grade()).isEqualTo("C");
        assertThat(card.probability()).isEqualByComparingTo("0.25");
        assertThat(card.factors()).hasSize(7).extracting(DealScoreView.Factor::text)
                .contains("是 — 预算：金额是否已确认？", "否 — 决策人：是否有决策人参与？");
        assertThat(as(rep.username(), () -> opportunities.get(deal.id())).grade())
                .as("the reps' grade until an administrator lets it follow").isEqualTo(graded.grade());

        as("admin", () -> {
            scoring.chooseGradeSource("deal-grade");
            return null;
        });

        // the open deals are graded in the background
        Opportunity after = as(rep.username(), () -> opportunities.get(deal.id()));
        for (int tries = 0; tries < 150 && !"C".equals(after.grade()); tries++) {
            Thread.sleep(200);
            after = as(rep.username(), () -> opportunities.get(deal.id()));
        }
        assertThat(after.grade()).isEqualTo("C");
        assertThat(after.version()).as("a grade from the scorecard is not an edit").isEqualTo(graded.version());

        Opportunity current = after;
        Opportunity edited = as(rep.username(), () -> editing.update(deal.id(), current.version(),
                new OpportunityDraft(current.name(), current.customerId(), null, null, null, null, current.amount(),
                        current.currency(), null, current.leadSource(), null, null, "A", "Book the demo", null)));
        assertThat(edited.grade()).as("a rep's form cannot overwrite the scorecard's grade").isEqualTo("C");
    }
}
