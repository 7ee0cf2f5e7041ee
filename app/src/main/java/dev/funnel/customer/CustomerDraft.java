package dev.funnel.customer;

/** What a user enters to create or change a customer. A null owner means 'me'. */
public record CustomerDraft(String name, String creditCode, String industry, String city, String address,
                            String website, String phone, Long ownerId, String notes) {

    public static CustomerDraft named(String name) {
        return new CustomerDraft(name, null, null, null, null, null, null, null, null);
    }
}
