package dev.funnel.plugins.winprobability;

import dev.funnel.plugin.api.ContextAware;
import dev.funnel.plugin.api.DealScore;
import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.PluginContext;
import dev.funnel.plugin.api.ScoringModel;
import dev.funnel.plugin.api.TrainingExample;
import java.time.Instant;
import java.util.List;
import org.pf4j.Extension;

/**
 * Each open deal's win probability, learned from the company's own closed deals: a logistic model calibrated on
 * the most recent of them, or, until there are enough, each stage's historical win rate.
 */
@Extension
public class WinProbabilityScorer implements dev.funnel.plugin.api.OpportunityScorer, ContextAware {

    private volatile PluginContext context;
    /** The model last read, with what it was read from. */
    private volatile Loaded loaded;

    private record Loaded(ScoringModel source, WinModel model) {
    }

    @Override
    public void attach(PluginContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "win-probability";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("Win probability (learned)", "赢率（基于历史学习）");
    }

    @Override
    public boolean learns() {
        return true;
    }

    @Override
    public ScoringModel train(List<TrainingExample> examples) {
        return ModelTraining.train(examples, WinProbabilitySettings.minClosedDeals(context), Instant.now());
    }

    @Override
    public DealScore score(DealSnapshot deal, ScoringModel model) {
        if (model == null) {
            // not trained yet: the stage's own probability, said plainly
            int percent = deal.stageProbability();
            return new DealScore(percent / 100.0, null, List.of(new dev.funnel.plugin.api.ScoreFactor("untrained",
                    0, LocalizedText.of("Not trained yet: the stage's default probability of " + percent + "%",
                            "尚未训练：使用阶段默认赢率 " + percent + "%"))));
        }
        return modelOf(model).score(deal);
    }

    private WinModel modelOf(ScoringModel model) {
        Loaded current = loaded;
        // a few kilobytes compared beat parsing them again at every call
        if (current != null && current.source().equals(model)) {
            return current.model();
        }
        WinModel read = WinModel.read(model.data());
        loaded = new Loaded(model, read);
        return read;
    }
}
