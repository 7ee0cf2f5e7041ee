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
}
