package dev.funnel.notification;

import dev.funnel.platform.PublishedEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Someone was told something (a reminder, a registration request, ...), for those who pass notifications on, such
 * as a plugin posting them to a team's group chat. The words are the bundles' {@code messageKey} with its
 * arguments, in whichever language the reader needs; {@code link} is the route it leads to, or null.
 */
public record NotificationCreated(UUID eventId, Instant occurredAt, long userId, String messageKey,
                                  List<String> arguments, String link) implements PublishedEvent {

    public NotificationCreated {
        arguments = List.copyOf(arguments);
    }
}
