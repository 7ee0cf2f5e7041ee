package dev.funnel.plugins.winprobability;

import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.PluginContext;
import dev.funnel.plugin.api.PluginSettings;
import dev.funnel.plugin.api.RecordKind;
import dev.funnel.plugin.api.SettingField;
import dev.funnel.plugin.api.SettingProblem;
import dev.funnel.plugin.api.SettingType;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** What administrators may set in Admin &gt; Plugins: how many closed deals the model needs before it learns. */
@Extension
public class WinProbabilitySettings implements PluginSettings {

    static final String TRAINING = "training";
    static final String MIN_CLOSED_DEALS = "min_closed_deals";
    static final int DEFAULT_MIN_CLOSED_DEALS = 200;

    @Override
    public List<RecordKind> recordKinds() {
        return List.of(new RecordKind(TRAINING, LocalizedText.of("Training", "训练"), List.of(
                new SettingField(MIN_CLOSED_DEALS, LocalizedText.of(
                        "Closed deals needed to learn (fewer: each stage's historical win rate); default 200",
                        "学习所需的已关闭商机数（不足时使用各阶段历史赢单率）；默认 200"),
                        SettingType.TEXT, true, List.of()))));
    }

    @Override
    public List<SettingProblem> validate(String kind, Map<String, String> values) {
        if (TRAINING.equals(kind) && parse(values.get(MIN_CLOSED_DEALS)) == null) {
            return List.of(new SettingProblem(MIN_CLOSED_DEALS, LocalizedText.of(
                    "A whole number from 20 to 1,000,000", "请输入 20 到 1,000,000 之间的整数")));
        }
        return List.of();
    }

    /** The first training record's minimum, else the default. */
    static int minClosedDeals(PluginContext context) {
        if (context == null) {
            return DEFAULT_MIN_CLOSED_DEALS;
        }
        return context.records(TRAINING).stream()
                .map(record -> parse(record.get(MIN_CLOSED_DEALS)))
                .filter(java.util.Objects::nonNull)
                .findFirst().orElse(DEFAULT_MIN_CLOSED_DEALS);
    }

    private static Integer parse(String text) {
        try {
            int value = Integer.parseInt(text == null ? "" : text.strip());
            return value >= 20 && value <= 1_000_000 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
