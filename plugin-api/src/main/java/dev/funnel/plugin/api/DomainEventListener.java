package dev.funnel.plugin.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Hears domain events after their transaction has committed. The host calls each listener in isolation, off the
 * user's thread and with a time limit: an exception or a slow listener never breaks the user's action, it is
 * logged and shown in Admin &gt; Plugins.
 *
 * @since 1.0.0
 */
public interface DomainEventListener extends ExtensionPoint {

    /**
     * The event types this listener wants; the default, an empty set, means all.
     *
     * @since 1.0.0
     */
    default Set<String> eventTypes() {
        return Set.of();
    }

    /**
     * Handles one event.
     *
     * @param event the committed event
     * @since 1.0.0
     */
    void onEvent(DomainEvent event);
}
