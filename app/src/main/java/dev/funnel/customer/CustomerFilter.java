package dev.funnel.customer;

/** Narrows the customer list: text matches the name or the credit code; null parts do not narrow. */
public record CustomerFilter(String text, Long ownerId) {

    public static CustomerFilter none() {
        return new CustomerFilter(null, null);
    }
}
