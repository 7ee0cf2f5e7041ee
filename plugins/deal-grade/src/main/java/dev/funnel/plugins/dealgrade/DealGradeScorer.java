package dev.funnel.plugins.dealgrade;

import dev.funnel.plugin.api.ContextAware;
import dev.funnel.plugin.api.DealScore;
import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.OpportunityScorer;
import dev.funnel.plugin.api.PluginContext;
import dev.funnel.plugin.api.ScoringModel;
import org.pf4j.Extension;

/**
 * Grades every open deal A to D by the scorecard administrators keep in the plugin's settings, read afresh at
 * each call (a change applies at the next scoring, nightly or after a deal changes), with each answer as a
 * factor. While this plugin runs, the deal's grade follows it.
 */
@Extension
public class DealGradeScorer implements OpportunityScorer, ContextAware {

    private volatile PluginContext context;

    @Override
    public void attach(PluginContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "deal-grade";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("Deal grade (scorecard)", "商机分级（评分卡）");
    }

    @Override
    public DealScore score(DealSnapshot deal, ScoringModel model) {
        PluginContext settings = context;
        Scorecard card = settings == null ? Scorecard.of(java.util.List.of(), java.util.List.of())
                : Scorecard.of(settings.records(DealGradeSettings.QUESTION), settings.records(DealGradeSettings.GRADES));
        return card.grade(deal);
    }
}
