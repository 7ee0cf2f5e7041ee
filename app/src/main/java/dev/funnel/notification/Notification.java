package dev.funnel.notification;

import java.time.OffsetDateTime;
import java.util.List;

/** A notification: a message key with its arguments (worded when shown), where it leads, and whether read. */
public record Notification(long id, String messageKey, List<String> arguments, String link, OffsetDateTime createdAt,
                           OffsetDateTime readAt) {

    public Notification {
        arguments = List.copyOf(arguments);
    }

    public boolean unread() {
        return readAt == null;
    }
}
