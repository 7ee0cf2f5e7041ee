package dev.funnel.support;

/** How urgent a service request is. */
public enum RequestPriority {
    LOW,
    NORMAL,
    HIGH,
    URGENT
}
