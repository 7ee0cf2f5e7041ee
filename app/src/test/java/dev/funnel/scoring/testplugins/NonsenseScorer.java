package dev.funnel.scoring.testplugins;

import dev.funnel.plugin.api.DealScore;
import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.OpportunityScorer;
import dev.funnel.plugin.api.ScoringModel;

/** A test plugin's scorer that answers a probability that is not a number. */
public class NonsenseScorer implements OpportunityScorer {

    @Override
    public String id() {
        return "nonsense";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("Nonsense", "无效");
    }

    @Override
    public DealScore score(DealSnapshot deal, ScoringModel model) {
        return new DealScore(Double.NaN, null, java.util.List.of());
    }
}
