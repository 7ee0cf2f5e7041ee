package dev.funnel.plugins.dealgrade;

import dev.funnel.plugin.api.DealScore;
import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.ScoreFactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Questions with weights, and the share of the weight that makes a grade: a deal earns the weight of each
 * question its records answer yes, and its grade is the first whose threshold its share reaches.
 *
 * @param aFrom the share of the total weight, in percent, from which a deal is A; likewise B and C; below C, D
 */
record Scorecard(List<Question> questions, int aFrom, int bFrom, int cFrom) {

    /** A question: what it asks (as administrators wrote it), what answers it, and what a yes is worth. */
    record Question(LocalizedText text, Condition condition, int weight) {
    }

    /** MEDDIC and BANT in brief, while administrators have written no questions of their own. */
    static final List<Question> STANDARD = List.of(
            new Question(LocalizedText.of("Budget: is the amount known?", "预算：金额是否已确认？"),
                    Condition.AMOUNT_KNOWN, 15),
            new Question(LocalizedText.of("Authority: is a decision maker involved?", "决策人：是否有决策人参与？"),
                    Condition.DECISION_MAKER_ENGAGED, 25),
            new Question(LocalizedText.of("Need: are the products named?", "需求：是否已明确产品？"),
                    Condition.PRODUCTS_NAMED, 10),
            new Question(LocalizedText.of("Timeline: is a close date set ahead?", "时间：是否设定了未来的成交日期？"),
                    Condition.CLOSE_DATE_AHEAD, 10),
            new Question(LocalizedText.of("Decision process: are the stage's exit criteria met?",
                    "决策流程：本阶段准出标准是否已满足？"), Condition.EXIT_CRITERIA_MET, 20),
            new Question(LocalizedText.of("Momentum: followed up in the last 30 days?", "推进：近 30 天是否有跟进？"),
                    Condition.FOLLOWED_UP_LAST_30_DAYS, 10),
            new Question(LocalizedText.of("Next step: is one written down?", "下一步：是否已写明？"),
                    Condition.NEXT_STEP_SET, 10));

    static final int A_FROM = 75;
    static final int B_FROM = 50;
    static final int C_FROM = 25;

    /**
     * The scorecard administrators entered: their questions (else the standard ones) and their thresholds (else
     * 75 / 50 / 25). Records were checked when they were saved; one that still cannot be read is skipped.
     */
    static Scorecard of(List<Map<String, String>> questionRecords, List<Map<String, String>> gradeRecords) {
        List<Question> questions = new ArrayList<>();
        for (Map<String, String> record : questionRecords) {
            var condition = Condition.of(record.get(DealGradeSettings.CONDITION));
            Integer weight = DealGradeSettings.whole(record.get(DealGradeSettings.WEIGHT));
            String en = record.get(DealGradeSettings.QUESTION_EN);
            String zh = record.get(DealGradeSettings.QUESTION_ZH);
            if (condition.isPresent() && weight != null && weight > 0 && en != null && !en.isBlank() && zh != null
                    && !zh.isBlank()) {
                questions.add(new Question(LocalizedText.of(en, zh), condition.get(), weight));
            }
        }
        Map<String, String> grades = gradeRecords.isEmpty() ? Map.of() : gradeRecords.get(gradeRecords.size() - 1);
        return new Scorecard(questions.isEmpty() ? STANDARD : questions,
                threshold(grades.get(DealGradeSettings.A_FROM), A_FROM),
                threshold(grades.get(DealGradeSettings.B_FROM), B_FROM),
                threshold(grades.get(DealGradeSettings.C_FROM), C_FROM));
    }

    private static int threshold(String value, int otherwise) {
        Integer whole = DealGradeSettings.whole(value);
        return whole == null ? otherwise : whole;
    }

    /**
     * The deal's grade with every answer as a factor: a yes adds its weight, a no shows the weight it did not
     * earn, so the owner sees what would raise the grade. The probability is the share of the weight earned, a
     * scorecard's measure, not a calibrated chance.
     */
    DealScore grade(DealSnapshot deal) {
        int total = questions.stream().mapToInt(Question::weight).sum();
        int earned = 0;
        List<ScoreFactor> factors = new ArrayList<>();
        for (Question question : questions) {
            boolean yes = question.condition().holds(deal);
            if (yes) {
                earned += question.weight();
            }
            factors.add(new ScoreFactor(question.condition().name().toLowerCase(java.util.Locale.ROOT),
                    yes ? question.weight() : -question.weight(),
                    LocalizedText.of((yes ? "Yes — " : "No — ") + question.text().en(),
                            (yes ? "是 — " : "否 — ") + question.text().zh())));
        }
        int share = total == 0 ? 0 : Math.round(100f * earned / total);
        String grade = share >= aFrom ? "A" : share >= bFrom ? "B" : share >= cFrom ? "C" : "D";
        return new DealScore(share / 100.0, grade, factors);
    }
}
