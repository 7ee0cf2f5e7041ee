package dev.funnel.customer;

import dev.funnel.platform.PublishedEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer was created, published when it is committed. The event id is kept when a delivery is repeated after
 * a restart.
 */
public record CustomerCreated(UUID eventId, Instant occurredAt, long customerId, Long actorId, String name,
                              Long ownerId, String ownerName, String creditCode)
        implements PublishedEvent {
}
