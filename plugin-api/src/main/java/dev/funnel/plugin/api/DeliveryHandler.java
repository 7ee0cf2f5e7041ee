package dev.funnel.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * Makes the deliveries its plugin queued with {@link PluginContext#enqueue}. The host calls it through its guard,
 * off any user's thread, once per attempt, and records each attempt's outcome in the plugin's log. Answer within
 * the host's time limit for plugin calls (5 seconds unless the administrator changed it): give network calls a
 * shorter time-out and answer {@link DeliveryOutcome#retry} when it passes. An exception counts as a failed
 * attempt of the plugin, is shown in Admin &gt; Plugins, and the delivery is tried again a minute later.
 *
 * @since 1.2.0
 */
public interface DeliveryHandler extends ExtensionPoint {

    /**
     * Tries to make one delivery.
     *
     * @param delivery what was queued
     * @param attempt  which attempt this is, from 1
     * @return the outcome: delivered, try again after a pause, or give up
     * @since 1.2.0
     */
    DeliveryOutcome deliver(Delivery delivery, int attempt);
}
