package dev.funnel.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.identity.SignInThrottled;
import dev.funnel.testsupport.MovableClock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The throttle's policy: pauses grow with failures, by account, by account and address, and by address. */
class SignInThrottleTest {

    final MovableClock clock = new MovableClock(ZoneId.of("Asia/Shanghai"));
    final List<Object> events = new ArrayList<>();
    final SignInThrottle throttle = new SignInThrottle(clock, events::add, 50);

    @Test
    void five_failures_from_one_address_pause_the_account_there_for_30_s_then_doubling() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("wang.lei", "203.0.113.9");
        }
        assertThat(throttle.pause("wang.lei", "203.0.113.9")).isEmpty();

        throttle.failed("wang.lei", "203.0.113.9");

        assertThat(seconds("WANG.LEI ", "203.0.113.9")).isEqualTo(30);
        assertThat(throttle.pause("wang.lei", "198.51.100.4")).as("from elsewhere the user may go on").isEmpty();
        assertThat(events).containsExactly(new SignInThrottled("wang.lei", "203.0.113.9", "account-address",
                Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(31));
        assertThat(throttle.pause("wang.lei", "203.0.113.9")).isEmpty();
        throttle.failed("wang.lei", "203.0.113.9");
        assertThat(seconds("wang.lei", "203.0.113.9")).isEqualTo(60 * 1);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(16));
            throttle.failed("wang.lei", "203.0.113.9");
        }
        assertThat(seconds("wang.lei", "203.0.113.9")).as("never longer than 15 minutes")
                .isEqualTo(60 * 15);
    }

    /** The pause in whole seconds, rounded up, as Retry-After says it; 0 when there is none. */
    private long seconds(String username, String address) {
        return throttle.pause(username, address).map(d -> (d.toMillis() + 999) / 1000).orElse(0L);
    }

    @Test
    void guesses_spread_over_many_addresses_keep_the_real_user_waiting_a_minute_at_most() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("li.na", "198.51.100." + i);
        }

        assertThat(throttle.pause("li.na", "192.0.2.1")).hasValueSatisfying(
                pause -> assertThat(pause).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.pause("li.na", "192.0.2.1")).isEmpty();
    }

    @Test
    void one_address_trying_many_accounts_is_paused_and_a_success_there_does_not_clear_it() {
        for (int i = 0; i < 50; i++) {
            throttle.failed("user" + i, "203.0.113.50");
        }

        assertThat(seconds("someone.else", "203.0.113.50")).isEqualTo(30);
        throttle.succeeded("valid.user", "203.0.113.50");
        assertThat(seconds("someone.else", "203.0.113.50")).isEqualTo(30);
        assertThat(throttle.pause("someone.else", "203.0.113.51")).isEmpty();
    }

    @Test
    void an_ipv6_client_counts_as_its_64_whichever_of_its_addresses_it_uses() {
        for (int i = 0; i < 50; i++) {
            throttle.failed("user" + i, "2001:db8:aa:bb::" + Integer.toHexString(i + 1));
        }

        assertThat(seconds("someone.else", "2001:db8:aa:bb:ffff:1:2:3")).isEqualTo(30);
        assertThat(seconds("someone.else", "2001:0db8:00aa:00bb::9")).as("any notation").isEqualTo(30);
        assertThat(throttle.pause("someone.else", "2001:db8:aa:bc::1")).as("the next /64").isEmpty();
        assertThat(SignInThrottle.network("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(SignInThrottle.network("not:an:address:zz")).isEqualTo("not:an:address:zz");
    }

    @Test
    void a_success_forgets_the_accounts_failures_and_failures_are_forgotten_after_30_minutes() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("zhao.min", "203.0.113.9");
        }
        throttle.succeeded("zhao.min", "203.0.113.9");
        throttle.failed("zhao.min", "203.0.113.9");
        assertThat(throttle.pause("zhao.min", "203.0.113.9")).isEmpty();

        for (int i = 0; i < 3; i++) {
            throttle.failed("zhao.min", "203.0.113.9");
        }
        clock.advance(Duration.ofMinutes(31));
        throttle.failed("zhao.min", "203.0.113.9");
        assertThat(throttle.pause("zhao.min", "203.0.113.9")).as("the earlier four are forgotten").isEmpty();
        throttle.failed("zhao.min", "203.0.113.9");
        throttle.failed("zhao.min", "203.0.113.9");
        throttle.failed("zhao.min", "203.0.113.9");
        throttle.failed("zhao.min", "203.0.113.9");
        assertThat(seconds("zhao.min", "203.0.113.9")).isEqualTo(30);
    }

    @Test
    void an_administrators_unlock_ends_every_pause_of_the_account() {
        for (int i = 0; i < 12; i++) {
            throttle.failed("chen.jie", "203.0.113." + (i % 2));
        }
        assertThat(throttle.pausedUntil("chen.jie")).isPresent();

        throttle.unlock("Chen.Jie");

        assertThat(throttle.pausedUntil("chen.jie")).isEmpty();
        assertThat(throttle.pause("chen.jie", "203.0.113.0")).isEmpty();
        assertThat(throttle.pause("chen.jie", "203.0.113.1")).isEmpty();
    }
}
