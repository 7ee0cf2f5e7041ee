package dev.funnel.customer;

/** What a user enters to add or change a contact. */
public record ContactDraft(String name, String title, String phone, String email, BuyingRole buyingRole,
                           String mobile) {

    public ContactDraft(String name, String title, String phone, String email) {
        this(name, title, phone, email, null, null);
    }
}
