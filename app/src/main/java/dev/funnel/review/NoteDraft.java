package dev.funnel.review;

/** A note to record: a body, about a deal (optional) and/or a topic (optional). */
public record NoteDraft(Long opportunityId, String topic, String body) {
}
