package dev.funnel.scoring.testplugins;

import dev.funnel.plugin.api.DealScore;
import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.ModelReport;
import dev.funnel.plugin.api.OpportunityScorer;
import dev.funnel.plugin.api.ScoreFactor;
import dev.funnel.plugin.api.ScoringModel;
import dev.funnel.plugin.api.TrainingExample;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A test plugin's scorer that learns the share of won deals and answers it, nudged by the stage: enough to see
 * training, the stored model coming back, and factors, without any statistics. Packed into a plugin jar by the
 * test; never loaded from the test class path.
 */
public class SteadyScorer implements OpportunityScorer {

    @Override
    public String id() {
        return "steady";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("Steady", "稳定");
    }

    @Override
    public boolean learns() {
        return true;
    }

    @Override
    public ScoringModel train(List<TrainingExample> examples) {
        long won = examples.stream().filter(TrainingExample::won).count();
        double rate = examples.isEmpty() ? 0.5 : (double) won / examples.size();
        return new ScoringModel("steady-1", Double.toString(rate).getBytes(StandardCharsets.UTF_8),
                new ModelReport(examples.size(), examples.size(), 0, false,
                        LocalizedText.of("Share of won deals", "赢单占比"), null, null));
    }

    @Override
    public DealScore score(DealSnapshot deal, ScoringModel model) {
        if (model != null && !model.version().equals("steady-1")) {
            throw new dev.funnel.plugin.api.IncompatibleModelException("not a steady model: " + model.version(),
                    null);
        }
        double base = model == null ? 0.5 : Double.parseDouble(new String(model.data(), StandardCharsets.UTF_8));
        double stage = deal.stageProbability() / 100.0;
        return new DealScore(Math.min(1, (base + stage) / 2), null, List.of(
                new ScoreFactor("stage", stage - 0.5, LocalizedText.of("Stage " + deal.stageKey(),
                        "阶段 " + deal.stageKey())),
                new ScoreFactor("history", base - 0.5, LocalizedText.of("Past win rate", "历史赢率"))));
    }
}
