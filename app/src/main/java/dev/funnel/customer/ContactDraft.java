package dev.funnel.customer;

/** What a user enters to add a contact. */
public record ContactDraft(String name, String title, String phone, String email) {
}
