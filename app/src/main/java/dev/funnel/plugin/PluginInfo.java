package dev.funnel.plugin;

import java.util.List;

/**
 * A plugin as administrators see it. {@code state} is PF4J's (STARTED, DISABLED, FAILED, ...) or FAILED for a
 * file that could not even be loaded; {@code error} says why it is not working, or is null.
 */
public record PluginInfo(String id, String version, String state, String description, String provider,
                         String requires, List<String> extensions, String error) {

    public PluginInfo {
        extensions = List.copyOf(extensions);
    }
}
