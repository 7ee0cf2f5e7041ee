package dev.funnel.plugin.internal;

import static dev.funnel.jooq.Tables.PLUGIN_DELIVERY;

import dev.funnel.plugin.api.Delivery;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jooq.impl.DSL;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The deliveries plugins queued: waiting, made, or given up. */
@Repository
class PluginDeliveryRepository {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    /** A delivery that is due, with its attempts so far and how many times its plugin did not answer. */
    record Due(long id, String pluginId, Delivery delivery, int attempts, int unanswered) {
    }

    private final DSLContext db;

    PluginDeliveryRepository(DSLContext db) {
        this.db = db;
    }

    /** Answers false when the plugin had queued the key before: nothing is queued twice. */
    boolean enqueue(String pluginId, Delivery delivery, OffsetDateTime now) {
        return db.insertInto(PLUGIN_DELIVERY)
                .set(PLUGIN_DELIVERY.PLUGIN_ID, pluginId)
                .set(PLUGIN_DELIVERY.DELIVERY_KEY, delivery.key())
                .set(PLUGIN_DELIVERY.SUBJECT, PluginDataRepository.cut(delivery.subject(), 300))
                .set(PLUGIN_DELIVERY.DESTINATION, delivery.destination())
                .set(PLUGIN_DELIVERY.PAYLOAD, PluginDataRepository.write(delivery.payload()))
                .set(PLUGIN_DELIVERY.STATUS, PENDING)
                .set(PLUGIN_DELIVERY.NEXT_ATTEMPT_AT, now)
                .set(PLUGIN_DELIVERY.CREATED_AT, now).set(PLUGIN_DELIVERY.UPDATED_AT, now)
                .onConflict(PLUGIN_DELIVERY.PLUGIN_ID, PLUGIN_DELIVERY.DELIVERY_KEY).doNothing()
                .execute() == 1;
    }

    /**
     * The next due delivery of each destination that has one, oldest due first, leaving out the destinations
     * being attempted now: a destination's backlog never keeps the others waiting.
     */
    List<Due> due(OffsetDateTime now, Collection<String> busyLanes, int limit) {
        var heads = db.select(PLUGIN_DELIVERY.ID, PLUGIN_DELIVERY.NEXT_ATTEMPT_AT)
                .distinctOn(PLUGIN_DELIVERY.PLUGIN_ID, PLUGIN_DELIVERY.DESTINATION)
                .from(PLUGIN_DELIVERY)
                .where(PLUGIN_DELIVERY.STATUS.eq(PENDING)).and(PLUGIN_DELIVERY.NEXT_ATTEMPT_AT.le(now))
                .and(busyLanes.isEmpty() ? DSL.noCondition()
                        : PLUGIN_DELIVERY.PLUGIN_ID.concat(DSL.inline(" ")).concat(PLUGIN_DELIVERY.DESTINATION)
                        .notIn(busyLanes))
                .orderBy(PLUGIN_DELIVERY.PLUGIN_ID, PLUGIN_DELIVERY.DESTINATION, PLUGIN_DELIVERY.NEXT_ATTEMPT_AT,
                        PLUGIN_DELIVERY.ID)
                .asTable("heads");
        return db.select(PLUGIN_DELIVERY.fields()).from(PLUGIN_DELIVERY)
                .join(heads).on(PLUGIN_DELIVERY.ID.eq(heads.field(PLUGIN_DELIVERY.ID)))
                .orderBy(PLUGIN_DELIVERY.NEXT_ATTEMPT_AT, PLUGIN_DELIVERY.ID)
                .limit(limit)
                .fetch(record -> {
                    var r = record.into(PLUGIN_DELIVERY);
                    return new Due(r.getId(), r.getPluginId(), new Delivery(r.getDeliveryKey(), r.getSubject(),
                            r.getDestination(), PluginDataRepository.read(r.getPayload())), r.getAttempts(),
                            r.getUnanswered());
                });
    }

    /** The lane a delivery goes in: one attempt at a time per plugin and destination. */
    static String lane(String pluginId, String destination) {
        return pluginId + " " + destination;
    }

    /**
     * Records an attempt: the handler's attempts and the times its plugin did not answer so far, the new status,
     * and for a delivery still waiting, when it is due again.
     */
    void attempted(long id, int attempts, int unanswered, String status, OffsetDateTime nextAttemptAt,
                   OffsetDateTime now) {
        db.update(PLUGIN_DELIVERY)
                .set(PLUGIN_DELIVERY.ATTEMPTS, attempts)
                .set(PLUGIN_DELIVERY.UNANSWERED, unanswered)
                .set(PLUGIN_DELIVERY.STATUS, status)
                .set(PLUGIN_DELIVERY.NEXT_ATTEMPT_AT, nextAttemptAt)
                .set(PLUGIN_DELIVERY.UPDATED_AT, now)
                .where(PLUGIN_DELIVERY.ID.eq(id))
                .execute();
    }

    /**
     * Forgets deliveries made or given up before a time. Their keys are kept until then so that an event handed
     * over again after a crash is still recognised.
     */
    int forgetFinishedBefore(OffsetDateTime before) {
        return db.deleteFrom(PLUGIN_DELIVERY)
                .where(PLUGIN_DELIVERY.STATUS.in(DELIVERED, FAILED)).and(PLUGIN_DELIVERY.UPDATED_AT.lt(before))
                .execute();
    }
}
