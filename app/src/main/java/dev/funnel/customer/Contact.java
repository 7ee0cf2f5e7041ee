package dev.funnel.customer;

/** A person at a customer. */
public record Contact(long id, long customerId, String name, String title, String phone, String email, int version) {
}
