package dev.funnel.pipeline;

/** How many deals one owner has in some state (for example stalled). */
public record OwnerCount(long ownerId, String ownerName, long count) {
}
