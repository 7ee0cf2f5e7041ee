package dev.funnel.platform;

import java.time.Instant;
import java.util.UUID;

/**
 * A domain event a module publishes: it has an id of its own, kept when the event is handed over again after a
 * failure or a restart, so that listeners can tell a repetition from a new event.
 */
public interface PublishedEvent {

    UUID eventId();

    Instant occurredAt();
}
