package dev.funnel.pipeline;

/**
 * Published inside the transaction that reordered, added or removed stages of a pipeline: from now on 'forward'
 * means something else for every deal of it, so figures derived from stage order must be derived again.
 */
public record StagePositionsChanged(long pipelineId) {
}
