package dev.funnel.customer;

/** A person at a customer, with their part in the buying decision. */
public record Contact(long id, long customerId, String name, String title, String phone, String email, int version,
                      BuyingRole buyingRole, String mobile) {
}
