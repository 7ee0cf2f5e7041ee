package dev.funnel.plugin.api;

import java.util.Objects;

/**
 * One entry of a plugin's log, for example one attempt to deliver an event to an integration.
 *
 * @param subject  what it is about, for example {@code opportunity.won #42}
 * @param target   where it went, for example a URL; may be null
 * @param status   the outcome in a word, for example {@code DELIVERED}, {@code RETRYING}, {@code FAILED}
 * @param attempt  which attempt this was, from 1
 * @param code     a response code, for example an HTTP status; null when there was no response
 * @param detail   further text, for example an error message; may be null
 * @since 1.1.0
 */
public record LogEntry(String subject, String target, String status, int attempt, Integer code, String detail) {

    /** @since 1.1.0 */
    public LogEntry {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
    }
}
