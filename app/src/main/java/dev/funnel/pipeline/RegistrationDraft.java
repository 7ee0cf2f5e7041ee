package dev.funnel.pipeline;

/**
 * What a rep enters to file a registration request: the customer, optionally the product, and why.
 *
 * @param customerName the customer's name (or credit code) as the rep knows it: needed for a customer the rep
 *                     cannot see, so that knowing an id alone reveals nothing
 */
public record RegistrationDraft(Long customerId, Long productId, String opportunityName, String reason,
                                String customerName) {

    public RegistrationDraft(Long customerId, Long productId, String opportunityName, String reason) {
        this(customerId, productId, opportunityName, reason, null);
    }
}
