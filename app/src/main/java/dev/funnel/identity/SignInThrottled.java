package dev.funnel.identity;

import java.time.Duration;

/**
 * Sign-ins were stopped for a while after too many failures: for an account from one address, for an account
 * from anywhere, or for an address whatever account it tries.
 *
 * @param username the account as typed
 * @param address  the client's address
 * @param scope    {@code account-address}, {@code account} or {@code address}
 * @param lockedFor how long no attempt is checked
 */
public record SignInThrottled(String username, String address, String scope, Duration lockedFor) {
}
