package dev.funnel.identity;

import java.nio.charset.StandardCharsets;

/** Limits of stored passwords: bcrypt reads at most 72 bytes, and refuses longer input rather than cut it. */
public final class Passwords {

    public static final int MAX_BYTES = 72;

    private Passwords() {
    }

    /** Hash formats accepted from elsewhere: slow, salted ones only, as Spring Security's delegating encoder writes them. */
    private static final java.util.regex.Pattern STORED_HASH = java.util.regex.Pattern.compile(
            "\\{(bcrypt|pbkdf2|scrypt|argon2)(@SpringSecurity_v5_8)?}\\S+");

    /** The longest stored hash (the column's size). */
    public static final int MAX_HASH_LENGTH = 200;

    public static boolean fitsHash(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    /** Whether the text is a password hash as Funnel stores them ({@code {bcrypt}$2a$10$...}). */
    public static boolean isStoredHash(String hash) {
        String text = hash.trim();
        return text.length() <= MAX_HASH_LENGTH && STORED_HASH.matcher(text).matches();
    }
}
