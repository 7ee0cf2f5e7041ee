package dev.funnel.support;

/** Where a service request stands; RESOLVED and CLOSED are done, the others open. */
public enum RequestStatus {
    OPEN,
    IN_PROGRESS,
    RESOLVED,
    CLOSED;

    public boolean isOpen() {
        return this == OPEN || this == IN_PROGRESS;
    }
}
