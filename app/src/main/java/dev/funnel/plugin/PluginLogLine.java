package dev.funnel.plugin;

import java.time.OffsetDateTime;

/** One entry of a plugin's log, as Admin &gt; Plugins shows it. */
public record PluginLogLine(long id, OffsetDateTime at, String subject, String target, String status, int attempt,
                            Integer code, String detail) {
}
