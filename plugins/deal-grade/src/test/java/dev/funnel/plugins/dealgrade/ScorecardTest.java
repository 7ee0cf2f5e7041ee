package dev.funnel.plugins.dealgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.plugin.api.DealScore;
import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.ScoreFactor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From what administrators enter to the grade a deal gets, and the answers that decided it. */
class ScorecardTest {

    static final List<Map<String, String>> QUESTIONS = List.of(
            question("Is the budget known?", "预算是否确认？", "AMOUNT_KNOWN", "40"),
            question("Is a decision maker involved?", "决策人是否参与？", "DECISION_MAKER_ENGAGED", "40"),
            question("Is a next step written down?", "是否写明下一步？", "NEXT_STEP_SET", "20"));

    @Test
    void a_deal_earns_the_weight_of_each_yes_and_its_grade_is_the_first_threshold_its_share_reaches() {
        Scorecard card = Scorecard.of(QUESTIONS, List.of(Map.of("a_from", "80", "b_from", "50", "c_from", "30")));

        DealScore budgetAndStep = card.grade(deal(new BigDecimal("90000"), false, true));
        assertThat(budgetAndStep.grade()).isEqualTo("B");
        assertThat(budgetAndStep.winProbability()).isEqualTo(0.6);
        assertThat(budgetAndStep.factors()).extracting(ScoreFactor::contribution).containsExactly(40.0, -40.0, 20.0);
        assertThat(budgetAndStep.factors().get(1).text().zh()).isEqualTo("否 — 决策人是否参与？");

        assertThat(card.grade(deal(new BigDecimal("90000"), true, true)).grade()).isEqualTo("A");
        assertThat(card.grade(deal(new BigDecimal("90000"), false, false)).grade()).isEqualTo("C");
        assertThat(card.grade(deal(null, false, true)).grade()).as("20 % is below C's 30").isEqualTo("D");
    }

    @Test
    void without_questions_of_their_own_administrators_get_the_standard_card_and_thresholds() {
        Scorecard card = Scorecard.of(List.of(), List.of());

        assertThat(card.questions()).isEqualTo(Scorecard.STANDARD);
        assertThat(List.of(card.aFrom(), card.bFrom(), card.cFrom())).containsExactly(75, 50, 25);
        assertThat(card.grade(deal(null, false, false)).grade()).isEqualTo("D");
    }

    @Test
    void settings_are_checked_when_saved_naming_the_field() {
        DealGradeSettings settings = new DealGradeSettings();

        assertThat(settings.validate("question", question("x", "x", "AMOUNT_KNOWN,NEXT_STEP_SET", "0")))
                .extracting(p -> p.field()).containsExactly("answered_by", "weight");
        assertThat(settings.validate("grades", Map.of("a_from", "50", "b_from", "60", "c_from", "10")))
                .extracting(p -> p.field()).containsExactly("b_from");
        assertThat(settings.validate("grades", Map.of("a_from", "x", "b_from", "60", "c_from", "10")))
                .extracting(p -> p.field()).containsExactly("a_from");
        assertThat(settings.validate("question", QUESTIONS.get(0))).isEmpty();
    }

    private static Map<String, String> question(String en, String zh, String condition, String weight) {
        return Map.of("text_en", en, "text_zh", zh, "answered_by", condition, "weight", weight);
    }

    private static DealSnapshot deal(BigDecimal amount, boolean decisionMaker, boolean nextStep) {
        return new DealSnapshot(15_100_048L, Instant.parse("2026-12-01T08:00:00Z"), "Propose", 2, 4, 40, 12, 30,
                amount, "CNY", amount, 45, 0, List.of(), "website", "Manufacturing", 800, "Suzhou", "1100007",
                List.of(), 2, 1, nextStep, decisionMaker);
    }
}
