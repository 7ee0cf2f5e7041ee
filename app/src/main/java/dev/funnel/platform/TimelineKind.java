package dev.funnel.platform;

/**
 * The kinds of entry on a customer's timeline, one per source. Their order breaks ties between entries of the
 * same instant, so that paging through the timeline never skips or repeats one.
 */
public enum TimelineKind {
    FOLLOW_UP,
    STAGE_CHANGE,
    ORDER,
    PAYMENT,
    SERVICE_REQUEST
}
