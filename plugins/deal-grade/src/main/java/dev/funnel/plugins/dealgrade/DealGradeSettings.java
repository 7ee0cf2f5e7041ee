package dev.funnel.plugins.dealgrade;

import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.PluginSettings;
import dev.funnel.plugin.api.RecordKind;
import dev.funnel.plugin.api.SettingField;
import dev.funnel.plugin.api.SettingProblem;
import dev.funnel.plugin.api.SettingType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * What administrators edit in Admin &gt; Plugins: the scorecard's questions (in both languages, each answered by
 * one of the deal's recorded facts, with its weight) and the thresholds of the grades.
 */
@Extension
public class DealGradeSettings implements PluginSettings {

    static final String QUESTION = "question";
    static final String QUESTION_EN = "text_en";
    static final String QUESTION_ZH = "text_zh";
    static final String CONDITION = "answered_by";
    static final String WEIGHT = "weight";
    static final String GRADES = "grades";
    static final String A_FROM = "a_from";
    static final String B_FROM = "b_from";
    static final String C_FROM = "c_from";

    @Override
    public List<RecordKind> recordKinds() {
        return List.of(
                new RecordKind(QUESTION, LocalizedText.of("Scorecard question", "评分卡问题"), List.of(
                        new SettingField(QUESTION_EN, LocalizedText.of("Question (English)", "问题（英文）"),
                                SettingType.TEXT, true, List.of()),
                        new SettingField(QUESTION_ZH, LocalizedText.of("Question (Chinese)", "问题（中文）"),
                                SettingType.TEXT, true, List.of()),
                        new SettingField(CONDITION, LocalizedText.of("Answered yes when", "满足以下条件即为“是”"),
                                SettingType.CHOICES, true, Condition.keys()),
                        new SettingField(WEIGHT, LocalizedText.of("Weight (1–100)", "权重（1–100）"),
                                SettingType.TEXT, true, List.of()))),
                new RecordKind(GRADES, LocalizedText.of("Grade thresholds (% of the weight)", "等级门槛（权重占比 %）"),
                        List.of(new SettingField(A_FROM, LocalizedText.of("A from", "A 级起点"), SettingType.TEXT,
                                        true, List.of()),
                                new SettingField(B_FROM, LocalizedText.of("B from", "B 级起点"), SettingType.TEXT,
                                        true, List.of()),
                                new SettingField(C_FROM, LocalizedText.of("C from", "C 级起点"), SettingType.TEXT,
                                        true, List.of()))));
    }

    @Override
    public List<SettingProblem> validate(String kind, Map<String, String> values) {
        List<SettingProblem> problems = new ArrayList<>();
        if (QUESTION.equals(kind)) {
            String condition = values.get(CONDITION);
            if (condition == null || condition.contains(",") || Condition.of(condition).isEmpty()) {
                problems.add(new SettingProblem(CONDITION, LocalizedText.of("Choose exactly one fact that answers it",
                        "请只选择一项作为回答依据")));
            }
            Integer weight = whole(values.get(WEIGHT));
            if (weight == null || weight < 1 || weight > 100) {
                problems.add(new SettingProblem(WEIGHT, LocalizedText.of("A whole number from 1 to 100",
                        "请输入 1 到 100 的整数")));
            }
        } else if (GRADES.equals(kind)) {
            Integer a = whole(values.get(A_FROM));
            Integer b = whole(values.get(B_FROM));
            Integer c = whole(values.get(C_FROM));
            for (var field : List.of(Map.entry(A_FROM, a == null ? -1 : a), Map.entry(B_FROM, b == null ? -1 : b),
                    Map.entry(C_FROM, c == null ? -1 : c))) {
                if (field.getValue() < 0 || field.getValue() > 100) {
                    problems.add(new SettingProblem(field.getKey(), LocalizedText.of("A whole number from 0 to 100",
                            "请输入 0 到 100 的整数")));
                }
            }
            if (problems.isEmpty() && !(a > b && b > c)) {
                problems.add(new SettingProblem(B_FROM, LocalizedText.of("A must be above B, and B above C",
                        "A 级门槛须高于 B 级，B 级须高于 C 级")));
            }
        }
        return problems;
    }

    /** A whole number written by an administrator, or null. */
    static Integer whole(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
