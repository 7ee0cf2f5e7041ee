package dev.funnel.customer;

/**
 * Narrows the customer list: text matches the name or the credit code; null parts do not narrow. A narrowed
 * {@code sync} (an integration's incremental sync) lists in id order.
 */
public record CustomerFilter(String text, Long ownerId, dev.funnel.platform.SyncWindow sync) {

    public CustomerFilter {
        sync = sync == null ? dev.funnel.platform.SyncWindow.ALL : sync;
    }

    public CustomerFilter(String text, Long ownerId) {
        this(text, ownerId, dev.funnel.platform.SyncWindow.ALL);
    }

    public static CustomerFilter none() {
        return new CustomerFilter(null, null);
    }
}
