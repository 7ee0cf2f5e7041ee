package dev.funnel.identity;

/**
 * What it takes to write to a user by e-mail: the address (null when none is on record), the language tag
 * ({@code en} or {@code zh-CN}; null: the app's default) and their choice.
 */
public record MailProfile(long userId, String fullName, String email, String locale, EmailChoice choice) {
}
