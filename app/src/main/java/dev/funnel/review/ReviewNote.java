package dev.funnel.review;

import java.time.OffsetDateTime;

/** A note taken in a review, about a deal or a topic (or both). */
public record ReviewNote(long id, Long opportunityId, String opportunityName, String topic, String body,
                         String authorName, OffsetDateTime createdAt) {
}
