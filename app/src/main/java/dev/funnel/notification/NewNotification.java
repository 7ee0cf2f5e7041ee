package dev.funnel.notification;

import java.util.List;

/**
 * A notification to write: for whom, the bundle key and its arguments (worded in the reader's language when
 * shown), and the route it leads to, or null.
 */
public record NewNotification(long userId, String messageKey, List<String> arguments, String link) {

    public NewNotification {
        arguments = List.copyOf(arguments);
    }
}
