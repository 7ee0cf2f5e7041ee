package dev.funnel.scoring.testplugins;

import dev.funnel.plugin.api.DealScore;
import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.OpportunityScorer;
import dev.funnel.plugin.api.ScoringModel;

/** A test plugin's scorer that never answers (and ignores being interrupted). */
public class HangingScorer implements OpportunityScorer {

    @Override
    public String id() {
        return "hanging";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("Hanging", "无响应");
    }

    @Override
    public DealScore score(DealSnapshot deal, ScoringModel model) {
        long until = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException ignored) {
                // a plugin that ignores being stopped: the host must not wait for it anyway
            }
        }
        return new DealScore(0.5, null, java.util.List.of());
    }
}
