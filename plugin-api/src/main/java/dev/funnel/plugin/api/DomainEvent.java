package dev.funnel.plugin.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Something that happened in Funnel and was committed, for example an opportunity won.
 *
 * @param type what happened, one of the constants of this record, for example {@link #OPPORTUNITY_WON}
 * @param occurredAt when it was committed
 * @param subjectId the id of the record it is about (an opportunity, customer or task)
 * @param actorId the id of the user who caused it, or {@code null} for the system
 * @param data further facts as strings (for example {@code fromStage}, {@code toStage}, {@code amount}). Since
 *             1.5.0 the events about a deal, and {@link #NOTIFICATION_CREATED}, also carry {@code teamIds} and
 *             {@code teams}: the ids and names of the team of the person concerned (the deal's owner, the person
 *             told) and of every team above it, nearest first, comma-separated (empty for someone in no team);
 *             {@code link}: the record's address in Funnel; and for a deal {@code stage.zh-CN}, the stage's
 *             Chinese name
 * @param id this event's own id, the same each time the event is handed over: after a restart the host hands over
 *           again the events whose listeners had not finished, so a listener that must act once per event keys
 *           its work by this id (since 1.2.0)
 * @since 1.0.0
 */
public record DomainEvent(String type, Instant occurredAt, long subjectId, Long actorId, Map<String, String> data,
                          String id) {

    /** @since 1.0.0 */
    public static final String OPPORTUNITY_CREATED = "opportunity.created";
    /** @since 1.0.0 */
    public static final String OPPORTUNITY_STAGE_CHANGED = "opportunity.stage-changed";
    /** @since 1.0.0 */
    public static final String OPPORTUNITY_WON = "opportunity.won";
    /** @since 1.0.0 */
    public static final String OPPORTUNITY_LOST = "opportunity.lost";
    /** @since 1.0.0 */
    public static final String OPPORTUNITY_REASSIGNED = "opportunity.reassigned";
    /** @since 1.0.0 */
    public static final String CUSTOMER_CREATED = "customer.created";
    /** @since 1.0.0 */
    public static final String TASK_DONE = "task.done";
    /**
     * Someone was told something: a reminder of the automation (a stalled deal, an overdue task, a registration
     * request waiting), a registration request filed, and so on. {@code subjectId} is the person told. Its data:
     * {@code kind} (the message's key, for example {@code notification.rule.stalled-deal},
     * {@code notification.rule.task-overdue}, {@code notification.registration.filed}), {@code recipientId},
     * {@code recipient} (their name), the message worded for them as {@code text.en} and {@code text.zh-CN}, and
     * the standard facts {@code teamIds}, {@code teams} and {@code link}.
     *
     * @since 1.5.0
     */
    public static final String NOTIFICATION_CREATED = "notification.created";

    /** @since 1.2.0 */
    public DomainEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(id, "id");
        data = Map.copyOf(data);
    }

    /**
     * An event with a new random id, as plugins' tests built against 1.0 and 1.1 create them.
     *
     * @since 1.0.0
     */
    public DomainEvent(String type, Instant occurredAt, long subjectId, Long actorId, Map<String, String> data) {
        this(type, occurredAt, subjectId, actorId, data, UUID.randomUUID().toString());
    }
}
