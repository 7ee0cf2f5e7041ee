package dev.funnel.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A scoring model: rates how likely an open opportunity is to be won, and says why. Scoring must be a pure
 * function of its input; the host may call it often and from several threads, always through its guard (a time
 * limit; a failure is contained, logged and shown to administrators, and never fails a user's action).
 *
 * <p>Since 1.4.0 a scorer reads a {@link DealSnapshot} and answers a {@link DealScore} with its factors, and a
 * scorer that {@link #learns()} is {@link #train trained} on the company's own closed deals: the host keeps the
 * {@link ScoringModel} it returns and hands it to every {@code score} call. A scorer written for 1.0 implements
 * only {@link #score(OpportunitySnapshot)} and keeps working.
 *
 * @since 1.0.0
 */
public interface OpportunityScorer extends ExtensionPoint {

    /**
     * A stable identifier of the model, for example {@code bant-basic}.
     *
     * @since 1.0.0
     */
    String id();

    /**
     * The model's name as shown to users.
     *
     * @since 1.0.0
     */
    LocalizedText name();

    /**
     * Scores one opportunity, as a 1.0 scorer does. Since 1.4.0 the host calls
     * {@link #score(DealSnapshot, ScoringModel)}, whose default calls this.
     *
     * @param opportunity what is known of it
     * @return the score, never {@code null}
     * @since 1.0.0
     */
    default OpportunityScore score(OpportunitySnapshot opportunity) {
        throw new UnsupportedOperationException(getClass().getName()
                + " implements neither score(DealSnapshot, ScoringModel) nor score(OpportunitySnapshot)");
    }

    /**
     * Scores a deal as it stands now. The default reads the 1.0 score (0–100) as a probability, with its
     * explanation as the only factor.
     *
     * @param deal  the deal at {@link DealSnapshot#asOf()}
     * @param model what {@link #train} returned last, or {@code null} for a scorer that does not learn or has not
     *              been trained yet
     * @return the score, never {@code null}
     * @throws IncompatibleModelException when the model cannot be read; the host then trains again
     * @since 1.4.0
     */
    default DealScore score(DealSnapshot deal, ScoringModel model) {
        OpportunityScore score = score(deal.asOpportunitySnapshot());
        return new DealScore(score.score() / 100.0, null,
                List.of(new ScoreFactor("explanation", 0, score.explanation())));
    }

    /**
     * Whether this scorer learns from closed deals. The host then calls {@link #train} when an administrator
     * asks, once a week, and when the stored model cannot be read.
     *
     * @since 1.4.0
     */
    default boolean learns() {
        return false;
    }

    /**
     * Learns from closed deals, each as it stood at a moment before its close. Runs off any user's request, with
     * a longer time limit than scoring (minutes).
     *
     * @param examples the company's closed deals, oldest close first
     * @return the model to keep, with how it did on the most recent deals
     * @since 1.4.0
     */
    default ScoringModel train(List<TrainingExample> examples) {
        throw new UnsupportedOperationException(getClass().getName() + " does not learn");
    }
}
