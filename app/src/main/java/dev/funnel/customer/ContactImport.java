package dev.funnel.customer;

/** One contact of an import, with the customer it belongs to already looked up. */
public record ContactImport(long customerId, ContactDraft draft) {
}
