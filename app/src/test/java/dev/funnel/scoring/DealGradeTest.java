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

    @AfterEach
    void repsSetGradesAgain() {
        as("admin", () -> {
            scoring.chooseGradeSource(null);
            return null;
        });
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
