package dev.funnel.pipeline;

import dev.funnel.platform.PublishedEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to opportunities and their tasks, published when it is committed. Each event has an id of its
 * own, kept when a delivery is repeated after a restart, so that a listener can tell a repetition from a new
 * event.
 */
public final class OpportunityEvents {

    private OpportunityEvents() {
    }

    /** A new opportunity, in its pipeline's first stage. */
    public record OpportunityCreated(UUID eventId, Instant occurredAt, long opportunityId, Long actorId,
                                     OpportunityFacts deal) implements PublishedEvent {
    }

    /** An opportunity given to another owner. */
    public record OpportunityReassigned(UUID eventId, Instant occurredAt, long opportunityId, Long actorId,
                                        OpportunityFacts deal, long fromOwnerId, String fromOwnerName) implements PublishedEvent {
    }

    /** An opportunity moved to another stage, forward or back. */
    public record OpportunityStageChanged(UUID eventId, Instant occurredAt, long opportunityId, Long actorId,
                                          OpportunityFacts deal, long fromStageId, String fromStageNameEn) implements PublishedEvent {
    }

    /** An opportunity closed as won. */
    public record OpportunityWon(UUID eventId, Instant occurredAt, long opportunityId, Long actorId,
                                 OpportunityFacts deal) implements PublishedEvent {
    }

    /** An opportunity closed as lost, with its reason when one was given. */
    public record OpportunityLost(UUID eventId, Instant occurredAt, long opportunityId, Long actorId,
                                  OpportunityFacts deal, String lostReason) implements PublishedEvent {
    }

    /** A task completed; its opportunity is null for a task about no deal. */
    public record TaskDone(UUID eventId, Instant occurredAt, long taskId, Long actorId, String titleEn,
                           Long opportunityId, long assigneeId) implements PublishedEvent {
    }
}
