package dev.funnel.identity;

import java.time.Instant;

/**
 * A user's private calendar address as they see it afterwards: never the secret in it, only when it was made and
 * last read (and from where), so that they can tell whether a calendar still subscribes.
 */
public record CalendarFeed(long id, long userId, Instant createdAt, Instant lastUsedAt, String lastUsedFrom) {
}
