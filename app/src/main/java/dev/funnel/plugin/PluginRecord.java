package dev.funnel.plugin;

import java.util.Map;

/** One record an administrator entered for a plugin: its kind and values by field key. */
public record PluginRecord(long id, String kind, Map<String, String> values, int version) {

    public PluginRecord {
        values = Map.copyOf(values);
    }
}
