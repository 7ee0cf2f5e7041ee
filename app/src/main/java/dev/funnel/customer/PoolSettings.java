package dev.funnel.customer;

/**
 * The customer pool's rules: a customer stays with its owner for {@code protectionDays} after the later of its
 * last follow-up and when the owner got it, then returns to the pool; a rep may claim at most
 * {@code claimsPerDay} customers a day.
 */
public record PoolSettings(int protectionDays, int claimsPerDay) {

    public static final PoolSettings DEFAULTS = new PoolSettings(30, 5);
}
