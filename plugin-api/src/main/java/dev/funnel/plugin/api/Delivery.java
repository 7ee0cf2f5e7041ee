package dev.funnel.plugin.api;

import java.util.Map;
import java.util.Objects;

/**
 * Something a plugin asks the host to deliver, durably, through the plugin's {@link DeliveryHandler}: see
 * {@link PluginContext#enqueue}.
 *
 * @param key         unique within the plugin; queuing a key again does nothing. Derive it from what is
 *                    delivered and where, for example the event's id and the target's URL, and send it along as
 *                    the receiver's idempotency key
 * @param subject     what it is about, for the plugin's log, for example {@code opportunity.won #42}
 * @param destination where it goes, for example a URL; deliveries to one destination are made one at a time
 * @param payload     what the handler needs to make the delivery, as strings; stored as given
 * @since 1.2.0
 */
public record Delivery(String key, String subject, String destination, Map<String, String> payload) {

    /** @since 1.2.0 */
    public Delivery {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(destination, "destination");
        payload = Map.copyOf(payload);
    }
}
