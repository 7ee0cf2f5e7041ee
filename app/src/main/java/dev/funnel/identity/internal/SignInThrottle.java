package dev.funnel.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.funnel.identity.SignInThrottled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing by account and by address, with progressively longer pauses, while never
 * locking a user out for long:
 * <ul>
 * <li>an account from one address: after 5 failures a pause of 30 s, then 1, 2, 4, 8 minutes, at most 15;</li>
 * <li>an account from anywhere (guesses spread over many addresses): after 10, 5 s doubling to at most one
 *     minute, so an attacker elsewhere can keep the real user waiting a minute at most;</li>
 * <li>an address whatever account it tries (password spraying): after {@code funnel.sign-in.address-failures}
 *     (50), 30 s doubling to at most 15 minutes. A success does not reset this one, so one valid account
 *     cannot launder the others' guesses. Behind a reverse proxy whose forwarded headers are not trusted every
 *     client has the proxy's address, which is why this count is generous.</li>
 * </ul>
 * While paused, no password is checked at all, not even a correct one. Failures are forgotten 30 minutes after
 * the last one. The counts live in this process's memory: they are bounded, and a restart forgets them.
 */
@Component
public class SignInThrottle {

    /** Longer than the longest pause, so that the count goes on across pauses. */
    static final Duration FORGET_AFTER = Duration.ofMinutes(30);

    private record Rule(String scope, int free, Duration first, Duration longest) {

        Duration pauseAfter(int failures) {
            if (failures < free) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - free, 20);
            Duration pause = first.multipliedBy(1L << doublings);
            return pause.compareTo(longest) > 0 ? longest : pause;
        }
    }

    private static final Rule PAIR = new Rule("account-address", 5, Duration.ofSeconds(30), Duration.ofMinutes(15));
    private static final Rule ACCOUNT = new Rule("account", 10, Duration.ofSeconds(5), Duration.ofMinutes(1));

    private static final class Failures {

        int count;
        Instant pausedUntil = Instant.MIN;
    }

    private final Cache<String, Failures> failures;
    private final Rule addressRule;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SignInThrottle(Clock clock, ApplicationEventPublisher events,
                   @Value("${funnel.sign-in.address-failures:50}") int addressFailures) {
        this.clock = clock;
        this.events = events;
        // forgotten on the application's clock, so that tests can move time
        this.failures = Caffeine.newBuilder().expireAfterWrite(FORGET_AFTER).maximumSize(200_000)
                .ticker(() -> java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
        this.addressRule = new Rule("address", addressFailures, Duration.ofSeconds(30), Duration.ofMinutes(15));
    }

    /** How long the attempt must wait, or empty when it may be checked now. */
    public Optional<Duration> pause(String username, String address) {
        Instant now = clock.instant();
        Instant until = Instant.MIN;
        for (String key : keys(username, address)) {
            Failures known = failures.getIfPresent(key);
            if (known != null && known.pausedUntil.isAfter(until)) {
                until = known.pausedUntil;
            }
        }
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        String[] keys = keys(username, address);
        Rule[] rules = {PAIR, ACCOUNT, addressRule};
        for (int i = 0; i < keys.length; i++) {
            Rule rule = rules[i];
            Failures counted = failures.get(keys[i], k -> new Failures());
            // written again, so the entry is forgotten FORGET_AFTER after its last failure
            failures.put(keys[i], counted);
            Duration pause;
            synchronized (counted) {
                counted.count++;
                pause = rule.pauseAfter(counted.count);
                if (!pause.isZero()) {
                    counted.pausedUntil = now.plus(pause);
                }
            }
            if (!pause.isZero()) {
                events.publishEvent(new SignInThrottled(username, address, rule.scope(), pause));
            }
        }
    }

    /** A correct password: the account's own failures are forgotten; the address's are not. */
    public void succeeded(String username, String address) {
        String[] keys = keys(username, address);
        failures.invalidate(keys[0]);
        failures.invalidate(keys[1]);
    }

    /** An administrator's unlock: the account's pauses end, from every address. */
    public void unlock(String username) {
        String account = "a|" + normal(username);
        failures.invalidate(account);
        failures.asMap().keySet().removeIf(key -> key.startsWith("p|" + normal(username) + "|"));
    }

    /** Until when the account is paused from anywhere, if it is. */
    public Optional<Instant> pausedUntil(String username) {
        return Optional.ofNullable(pausedAccounts().get(normal(username)));
    }

    /**
     * Every paused account (lower-case user name) with the end of its longest pause, from any address: one
     * pass over the counts, for the users list, rather than one per user.
     */
    public java.util.Map<String, Instant> pausedAccounts() {
        Instant now = clock.instant();
        java.util.Map<String, Instant> paused = new java.util.HashMap<>();
        for (var entry : failures.asMap().entrySet()) {
            String key = entry.getKey();
            Instant until = entry.getValue().pausedUntil;
            if (until.isAfter(now) && (key.startsWith("a|") || key.startsWith("p|"))) {
                String account = key.startsWith("a|") ? key.substring(2)
                        : key.substring(2, key.lastIndexOf('|'));
                paused.merge(account, until, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return paused;
    }

    private static String[] keys(String username, String address) {
        String account = normal(username);
        String from = network(address);
        return new String[] {"p|" + account + "|" + from, "a|" + account, "i|" + from};
    }

    /**
     * Who an address stands for: an IPv4 address itself, an IPv6 address its /64, the smallest network one
     * client is given (otherwise one client could try from 2^64 addresses, each with a fresh count).
     */
    static String network(String address) {
        if (address == null || !address.contains(":")) {
            return address == null ? "?" : address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (java.net.UnknownHostException notAnAddress) {
            return address;
        }
    }

    private static String normal(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
