package dev.funnel.plugin.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A closed deal as it stood at a moment before its close, with how it ended: what a scorer that learns is
 * trained on. The host picks the moment; the snapshot knows nothing after it.
 *
 * @param deal     the deal at {@link DealSnapshot#asOf()}
 * @param won      whether it was won in the end
 * @param closedAt when it was closed; for ordering examples in time (an out-of-time test takes the latest),
 *                 never a feature
 * @since 1.4.0
 */
public record TrainingExample(DealSnapshot deal, boolean won, Instant closedAt) {

    /** @since 1.4.0 */
    public TrainingExample {
        Objects.requireNonNull(deal, "deal");
        Objects.requireNonNull(closedAt, "closedAt");
    }
}
