package dev.funnel.identity;

import java.nio.charset.StandardCharsets;

/** Limits of stored passwords: bcrypt reads at most 72 bytes, and refuses longer input rather than cut it. */
public final class Passwords {

    public static final int MAX_BYTES = 72;

    private Passwords() {
    }

    public static boolean fitsHash(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
