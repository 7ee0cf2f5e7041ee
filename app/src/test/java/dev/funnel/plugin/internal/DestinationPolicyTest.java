package dev.funnel.plugin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.plugin.api.RefusedDestinationException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Where plugins may connect, in every notation an attacker would try. */
class DestinationPolicyTest {

    final DestinationPolicy closed = new DestinationPolicy("");

    @Test
    void loopback_private_link_local_metadata_and_unspecified_addresses_are_refused_in_any_notation() {
        for (String host : new String[] {"127.0.0.1", "127.0.0.2", "[::1]", "::1", "[::ffff:127.0.0.1]",
                "169.254.169.254", "100.100.100.200", "10.1.2.3", "172.16.5.4", "192.168.1.1", "0.0.0.0",
                "[::]", "[fd00::1]", "[fe80::1]", "224.0.0.1", "2130706433", "localhost"}) {
            assertThatThrownBy(() -> closed.resolve(host)).as(host)
                    .isInstanceOf(RefusedDestinationException.class)
                    .hasMessageContaining("FUNNEL_OUTBOUND_ALLOW");
        }
    }

    @Test
    void a_hexadecimal_address_never_reaches_the_loopback() {
        // some resolvers read 0x7f000001 as 127.0.0.1, others not at all: either way it is not connected to
        assertThatThrownBy(() -> closed.resolve("0x7f000001"))
                .isInstanceOfAny(RefusedDestinationException.class, UnknownHostException.class);
    }

    @Test
    void public_addresses_are_allowed() throws Exception {
        assertThat(closed.resolve("8.8.8.8")).hasSize(1);
        assertThat(closed.resolve("[2001:4860:4860::8888]")).hasSize(1);
        assertThat(closed.refusal("1.1.1.1")).isEmpty();
    }

    @Test
    void administrators_allow_ranges_and_names_and_nothing_more() throws Exception {
        DestinationPolicy allowing = new DestinationPolicy("10.20.0.0/16, [fd00::]/8 ,localhost");

        assertThat(allowing.resolve("10.20.3.4")).hasSize(1);
        assertThat(allowing.resolve("[fd12::7]")).hasSize(1);
        assertThat(allowing.resolve("LOCALHOST")).isNotEmpty();
        assertThatThrownBy(() -> allowing.resolve("10.21.0.1")).isInstanceOf(RefusedDestinationException.class);
        assertThat(allowing.refusal("169.254.169.254")).hasValueSatisfying(refusal -> {
            assertThat(refusal.address()).isEqualTo("169.254.169.254");
            assertThat(refusal.kind()).contains("metadata");
        });
    }
}
