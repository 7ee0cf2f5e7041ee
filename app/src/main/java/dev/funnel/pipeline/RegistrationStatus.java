package dev.funnel.pipeline;

/** Where a registration request stands. */
public enum RegistrationStatus {
    PENDING,
    APPROVED,
    REJECTED
}
