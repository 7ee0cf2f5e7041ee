package dev.funnel.identity;

/** An administrator lifted the sign-in throttle of an account. */
public record SignInUnlocked(String username) {
}
