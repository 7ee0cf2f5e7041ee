package dev.funnel.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * A scoring model: rates how likely an open opportunity is to be won. It must be a pure function of its input;
 * the host may call it often and from several threads.
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
     * Scores one opportunity.
     *
     * @param opportunity what is known of it
     * @return the score, never {@code null}
     * @since 1.0.0
     */
    OpportunityScore score(OpportunitySnapshot opportunity);
}
