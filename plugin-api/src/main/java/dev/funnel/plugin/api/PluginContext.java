package dev.funnel.plugin.api;

import java.util.List;
import java.util.Map;

/**
 * What the host offers a plugin's extensions that implement {@link ContextAware}: the settings administrators
 * entered for the plugin, and a log the plugin writes and administrators read, both in Admin &gt; Plugins.
 * Calls are cheap and thread-safe; the host keeps both in its database.
 *
 * @since 1.1.0
 */
public interface PluginContext {

    /**
     * The records of one kind that administrators entered for this plugin, each a map from field key to value
     * (absent fields are missing from the map), in the order they were entered. Read it when needed rather than
     * once: administrators change records at any time.
     *
     * @param kind the {@link RecordKind#name()} declared by this plugin's {@link PluginSettings}
     * @return the records; empty when there are none
     * @since 1.1.0
     */
    List<Map<String, String>> records(String kind);

    /**
     * Adds an entry to this plugin's log. The host keeps the latest entries per plugin and shows them newest
     * first.
     *
     * @param entry what happened
     * @since 1.1.0
     */
    void log(LogEntry entry);

    /**
     * Hands the host a delivery to carry out through this plugin's {@link DeliveryHandler}, for example a message
     * to an integration. The host stores it in its database before this returns, calls the handler off the
     * caller's thread, tries again when the handler asks, and keeps waiting deliveries across restarts. A key this
     * plugin has queued before is ignored, so a plugin that hears an event twice (see {@link DomainEvent#id()})
     * still delivers it once. Deliveries to one destination are made one at a time, in the order they are due;
     * a slow or dead destination does not hold up the others.
     *
     * @param delivery what to deliver, where
     * @throws UnsupportedOperationException from a host older than 1.2.0
     * @since 1.2.0
     */
    default void enqueue(Delivery delivery) {
        throw new UnsupportedOperationException("this host does not queue deliveries; it needs plugin API 1.2.0");
    }

    /**
     * HTTP to the outside world with the host's address safety. Plugins that call other systems use this rather
     * than their own client, so that administrators' rules for where Funnel may connect hold for every plugin.
     *
     * @throws UnsupportedOperationException from a host older than 1.3.0
     * @since 1.3.0
     */
    default OutboundHttp http() {
        throw new UnsupportedOperationException("this host offers no outbound HTTP; it needs plugin API 1.3.0");
    }
}
