package dev.funnel.plugin.internal;

import dev.funnel.plugin.api.RefusedDestinationException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where plugins may connect: anywhere public, and nowhere internal unless administrators allowed it. Internal
 * means loopback, private (RFC 1918, IPv6 unique-local), link-local (where clouds serve their metadata,
 * 169.254.169.254), carrier-grade NAT (Alibaba Cloud's metadata, 100.100.100.200), unspecified, multicast and
 * broadcast addresses. Names are judged by every address they resolve to, in whatever notation the URL wrote
 * them ({@code 0x7f000001}, {@code [::1]}, {@code [::ffff:127.0.0.1]}).
 *
 * <p>{@code funnel.outbound.allow} (FUNNEL_OUTBOUND_ALLOW) lists what administrators allow anyway, comma
 * separated: address ranges ({@code 10.20.0.0/16}, {@code 127.0.0.1/32}, {@code fd00::/8}) and host names
 * ({@code hooks.intranet.example}).
 */
@Component
public class DestinationPolicy {

    /** An address range: the network's bits, its length in bytes (4 or 16) and the prefix length. */
    private record Range(BigInteger network, int bytes, int prefix) {

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != bytes) {
                return false;
            }
            int hostBits = bytes * 8 - prefix;
            return new BigInteger(1, candidate).shiftRight(hostBits).equals(network.shiftRight(hostBits));
        }

        static Range parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("prefix out of range in " + cidr);
                }
                return new Range(new BigInteger(1, network), network.length, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not an address range: " + cidr, e);
            }
        }
    }

    private static final List<Range> CARRIER_GRADE_NAT = List.of(Range.parse("100.64.0.0/10"));
    private static final List<Range> UNIQUE_LOCAL = List.of(Range.parse("fc00::/7"));
    private static final List<Range> THIS_NETWORK = List.of(Range.parse("0.0.0.0/8"));

    private final List<Range> allowedRanges = new ArrayList<>();
    private final Set<String> allowedHosts;

    DestinationPolicy(@Value("${funnel.outbound.allow:}") String allow) {
        List<String> entries = Arrays.stream(allow.split(",")).map(String::trim).filter(e -> !e.isEmpty())
                .toList();
        for (String entry : entries) {
            if (entry.contains("/") || entry.matches("[0-9.]+") || entry.contains(":")) {
                allowedRanges.add(Range.parse(entry.replace("[", "").replace("]", "")));
            }
        }
        allowedHosts = entries.stream().filter(e -> !e.contains("/") && !e.matches("[0-9.]+") && !e.contains(":"))
                .map(e -> e.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A refusal that carries which address and why, so that nobody has to resolve the name again. */
    static final class Refused extends RefusedDestinationException {

        private static final long serialVersionUID = 1L;

        private final transient Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.message());
            this.refusal = refusal;
        }
    }

    /** Why a host may not be connected to: the address it resolved to and what kind of address that is. */
    public record Refusal(String host, String address, String kind) {

        public String message() {
            return host + " is " + address + ", " + kind + " address: Funnel does not connect there unless "
                    + "FUNNEL_OUTBOUND_ALLOW allows it";
        }
    }

    /**
     * The addresses of the host that may be connected to; refuses when any of them is internal and not allowed
     * (a name that resolves to a public and a private address could be steered to the private one).
     */
    public InetAddress[] resolve(String host) throws UnknownHostException, RefusedDestinationException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(name);
        if (allowedHosts.contains(name.toLowerCase(Locale.ROOT))) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            String why = internal(address);
            if (why != null && allowedRanges.stream().noneMatch(r -> r.contains(address))) {
                throw new Refused(new Refusal(host, address.getHostAddress(), why));
            }
        }
        return addresses;
    }

    /** Checks a host as administrators enter it: empty when Funnel may connect, else why not. */
    public java.util.Optional<Refusal> refusal(String host) throws UnknownHostException {
        try {
            resolve(host);
            return java.util.Optional.empty();
        } catch (Refused e) {
            return java.util.Optional.of(e.refusal);
        } catch (RefusedDestinationException e) {
            throw new IllegalStateException("every refusal carries its reason", e);
        }
    }

    /** Why the address is internal, or null when it is public. */
    static String internal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "a loopback";
        }
        if (address.isAnyLocalAddress() || THIS_NETWORK.stream().anyMatch(r -> r.contains(address))) {
            return "an unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local (cloud metadata)";
        }
        if (address.isSiteLocalAddress() || UNIQUE_LOCAL.stream().anyMatch(r -> r.contains(address))) {
            return "a private";
        }
        if (CARRIER_GRADE_NAT.stream().anyMatch(r -> r.contains(address))) {
            return "a carrier-grade NAT (cloud metadata)";
        }
        if (address.isMulticastAddress()
                || address instanceof Inet4Address && Arrays.equals(address.getAddress(),
                        new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255})) {
            return "a multicast or broadcast";
        }
        if (address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
            return "an IPv4-compatible";
        }
        return null;
    }
}
