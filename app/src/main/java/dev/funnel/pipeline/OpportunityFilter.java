package dev.funnel.pipeline;

/** Narrows the opportunity list; null parts do not narrow. {@code text} matches the name or the customer. */
public record OpportunityFilter(String text, Long ownerId, Long pipelineId, Long stageId, OpportunityStatus status) {

    public static OpportunityFilter none() {
        return new OpportunityFilter(null, null, null, null, null);
    }
}
