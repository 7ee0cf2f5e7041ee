package dev.funnel.pipeline;

/** What a rep enters to file a registration request: the customer, optionally the product, and why. */
public record RegistrationDraft(Long customerId, Long productId, String opportunityName, String reason) {
}
