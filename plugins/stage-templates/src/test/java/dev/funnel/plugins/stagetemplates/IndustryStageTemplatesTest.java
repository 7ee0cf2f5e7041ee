package dev.funnel.plugins.stagetemplates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.plugin.api.ExitCriterion;
import dev.funnel.plugin.api.ForecastCategory;
import dev.funnel.plugin.api.KeyActivity;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.OpportunityField;
import dev.funnel.plugin.api.StageDefinition;
import dev.funnel.plugin.api.StageTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pf4j.Extension;

class IndustryStageTemplatesTest {

    /** Chinese characters, and the full-width punctuation that goes with them. */
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    private static final Pattern CHINESE_OR_FULL_WIDTH =
            Pattern.compile("[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF]");

    private final IndustryStageTemplates provider = new IndustryStageTemplates();

    static Stream<StageTemplate> templates() {
        return new IndustryStageTemplates().templates().stream();
    }

    @Test
    void offers_the_three_industry_templates() {
        assertThat(provider.templates())
                .extracting(StageTemplate::id)
                .containsExactly("high-tech-saas", "manufacturing", "modern-services");
        assertThat(provider.templates())
                .extracting(template -> template.name().zh())
                .containsExactly("高科技", "大制造", "现代服务业");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void has_five_to_seven_open_stages_without_won_or_lost(StageTemplate template) {
        assertThat(template.stages()).hasSizeBetween(5, 7);
        assertThat(template.stages()).allSatisfy(stage -> {
            assertThat(stage.key()).isNotIn("won", "lost");
            assertThat(stage.probability()).isBetween(1, 99);
            assertThat(stage.forecastCategory()).isNotEqualTo(ForecastCategory.CLOSED);
        });
    }

    @ParameterizedTest
    @MethodSource("templates")
    void win_probability_strictly_increases_through_the_stages(StageTemplate template) {
        List<Integer> probabilities = template.stages().stream().map(StageDefinition::probability).toList();
        for (int i = 1; i < probabilities.size(); i++) {
            assertThat(probabilities.get(i))
                    .as("%s stage %d", template.id(), i)
                    .isGreaterThan(probabilities.get(i - 1));
        }
    }

    @ParameterizedTest
    @MethodSource("templates")
    void forecast_category_moves_from_pipeline_to_commit_and_never_back(StageTemplate template) {
        List<ForecastCategory> categories =
                template.stages().stream().map(StageDefinition::forecastCategory).toList();
        assertThat(categories.get(0)).isEqualTo(ForecastCategory.PIPELINE);
        assertThat(categories.get(categories.size() - 1)).isEqualTo(ForecastCategory.COMMIT);
        List<ForecastCategory> sorted = new ArrayList<>(categories);
        Collections.sort(sorted);
        assertThat(categories).isEqualTo(sorted);
    }

    @ParameterizedTest
    @MethodSource("templates")
    void every_stage_has_criteria_and_activities_that_fit_its_time_limit(StageTemplate template) {
        assertThat(template.stages()).allSatisfy(stage -> {
            assertThat(stage.exitCriteria()).as(stage.key()).hasSizeBetween(2, 4);
            assertThat(stage.keyActivities()).as(stage.key()).hasSizeBetween(2, 4);
            assertThat(stage.keyActivities()).as(stage.key()).anyMatch(KeyActivity::required);
            assertThat(stage.stalledAfterDays()).as(stage.key()).isBetween(7, 90);
            assertThat(stage.keyActivities())
                    .as("%s: a task due after the stage counts as stalled makes no sense", stage.key())
                    .allSatisfy(activity ->
                            assertThat(activity.dueDays()).isLessThanOrEqualTo(stage.stalledAfterDays()));
        });
    }

    @ParameterizedTest
    @MethodSource("templates")
    void every_template_requires_amount_close_date_decision_maker_and_products(StageTemplate template) {
        List<OpportunityField> requiredFields = template.stages().stream()
                .flatMap(stage -> stage.exitCriteria().stream())
                .map(ExitCriterion::requiredField)
                .filter(Objects::nonNull)
                .toList();
        assertThat(requiredFields).contains(OpportunityField.AMOUNT, OpportunityField.EXPECTED_CLOSE_DATE,
                OpportunityField.DECISION_MAKER, OpportunityField.PRODUCTS);
    }

    @ParameterizedTest
    @MethodSource("templates")
    void stage_keys_and_names_are_unique_within_a_template(StageTemplate template) {
        assertThat(template.stages()).extracting(StageDefinition::key).doesNotHaveDuplicates()
                .allMatch(key -> key.matches("[a-z]+(-[a-z]+)*"));
        assertThat(template.stages()).extracting(stage -> stage.name().en()).doesNotHaveDuplicates();
        assertThat(template.stages()).extracting(stage -> stage.name().zh()).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void every_text_is_chinese_in_zh_and_free_of_chinese_in_en(StageTemplate template) {
        assertThat(texts(template)).isNotEmpty().allSatisfy(text -> {
            assertThat(CHINESE.matcher(text.zh()).find()).as("zh has Chinese: %s", text.zh()).isTrue();
            assertThat(CHINESE_OR_FULL_WIDTH.matcher(text.en()).find())
                    .as("en is not Chinese: %s", text.en()).isFalse();
        });
    }

    @Test
    void high_tech_needs_confirmation_requires_the_business_pain_and_the_budget() {
        StageTemplate saas = provider.templates().get(0);
        StageDefinition needs = saas.stages().stream()
                .filter(stage -> stage.key().equals("needs-confirmation"))
                .findFirst()
                .orElseThrow();

        assertThat(needs.name()).isEqualTo(LocalizedText.of("Needs confirmation", "需求确认"));
        assertThat(needs.exitCriteria())
                .filteredOn(ExitCriterion::isChecklistItem)
                .extracting(ExitCriterion::text)
                .contains(LocalizedText.of("The customer confirmed the business pain", "客户已确认业务痛点"),
                        LocalizedText.of("The budget range is confirmed", "预算范围已确认"));
    }

    @Test
    void templates_are_fresh_equal_values_on_every_call() {
        assertThat(provider.templates()).isEqualTo(new IndustryStageTemplates().templates());
    }

    @Test
    void the_provider_is_indexed_as_a_pf4j_extension() throws IOException {
        assertThat(IndustryStageTemplates.class.isAnnotationPresent(Extension.class)).isTrue();

        List<String> indexed = new ArrayList<>();
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                indexed.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
        }
        assertThat(indexed).contains(IndustryStageTemplates.class.getName());
    }

    private static List<LocalizedText> texts(StageTemplate template) {
        List<LocalizedText> texts = new ArrayList<>(List.of(template.name(), template.description()));
        for (StageDefinition stage : template.stages()) {
            texts.add(stage.name());
            stage.exitCriteria().forEach(criterion -> texts.add(criterion.text()));
            stage.keyActivities().forEach(activity -> {
                texts.add(activity.title());
                texts.add(activity.guidance());
            });
        }
        return texts;
    }
}
