package dev.funnel.scoring.testplugins;

import dev.funnel.plugin.api.DealScore;
import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.OpportunityScorer;
import dev.funnel.plugin.api.ScoringModel;

/** A test plugin's scorer that fails at every deal. */
public class ThrowingScorer implements OpportunityScorer {

    @Override
    public String id() {
        return "throwing";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("Throwing", "出错");
    }

    @Override
    public DealScore score(DealSnapshot deal, ScoringModel model) {
        throw new IllegalStateException("the model file is missing");
    }
}
