package dev.funnel.scoring;

import dev.funnel.plugin.api.ModelReport;
import java.time.OffsetDateTime;

/**
 * A scorer the plugins offer, as administrators see it.
 *
 * @param pluginId          the plugin that offers it
 * @param gradesDeals       whether the deals' grade follows this scorer's grades
 * @param model             what a learning scorer was last trained to, or null
 * @param trainingFailure   why its last training or its stored model failed, or null
 */
public record ScorerStatus(String id, String name, String pluginId, boolean learns, boolean primary,
                           boolean gradesDeals, Model model, String trainingFailure, OffsetDateTime failedAt) {

    /** A trained model: its version, when, on how many closed deals, and how it did. */
    public record Model(String version, OffsetDateTime trainedAt, int examples, ModelReport report) {
    }
}
