package dev.switchboard.broker.delivery;

import dev.switchboard.broker.config.Cidr;
import dev.switchboard.broker.config.EgressConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The egress guard (docs/configuration.md {@code egress}, §7): before each connection to a subscriber or dead-letter sink
 * the host is resolved once, the address is checked, and the connection is made to exactly that address (Host
 * header and TLS SNI keep the name), so a DNS answer that changes between check and connect (rebinding) cannot
 * slip past it.
 *
 * <p>Refused unless the address is in {@code egress.allow}: link-local addresses (169.254.0.0/16, fe80::/10),
 * cloud metadata addresses (169.254.169.254, fd00:ec2::254) and anything in {@code egress.deny}. An IPv6
 * address that embeds an IPv4 one (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d},
 * NAT64 {@code 64:ff9b::a.b.c.d}) is judged as that IPv4 address.
 */
public final class EgressGuard {
    static final List<Cidr> LINK_LOCAL = List.of(Cidr.parse("169.254.0.0/16"), Cidr.parse("fe80::/10"));
    static final List<Cidr> METADATA = List.of(Cidr.parse("169.254.169.254"), Cidr.parse("fd00:ec2::254"));

    /** Bounds the verdict cache; subscribers and sinks resolve to a handful of addresses in practice. */
    private static final int MAX_CACHED_VERDICTS = 4096;

    private final EgressConfig config;
    private final AddressLookup lookup;
    private final Map<InetAddress, Optional<String>> verdicts = new ConcurrentHashMap<>();

    public EgressGuard(EgressConfig config, AddressLookup lookup) {
        this.config = config;
        this.lookup = lookup;
    }

    /** The guard with {@code config}'s lists, resolving names with {@code vertx}'s resolver (hosts file, DNS). */
    public static EgressGuard of(Vertx vertx, EgressConfig config) {
        return new EgressGuard(config, new VertxAddressLookup(vertx));
    }

    /** Resolves {@code url}'s host and judges the address a connection would go to. */
    Future<EgressCheck> check(URI url) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return Future.succeededFuture(new EgressCheck.Refused("egress refused: " + url + " has no host"));
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return lookup.resolve(bare).map(address -> cachedRefusal(address)
                .<EgressCheck>map(why -> new EgressCheck.Refused(
                        "egress refused: " + host + " resolves to " + address.getHostAddress() + ", " + why))
                .orElseGet(() -> new EgressCheck.Allowed(address)));
    }

    /** {@link #refusal}, judged once per address: the lists are fixed for the guard's life. */
    private Optional<String> cachedRefusal(InetAddress address) {
        Optional<String> verdict = verdicts.get(address);
        if (verdict == null) {
            verdict = refusal(address);
            if (verdicts.size() >= MAX_CACHED_VERDICTS) {
                verdicts.clear();
            }
            verdicts.put(address, verdict);
        }
        return verdict;
    }

    /** Why a connection to {@code address} is refused, or empty when it is allowed. */
    Optional<String> refusal(InetAddress address) {
        InetAddress judged = embeddedIpv4(address).orElse(address);
        if (inAny(config.allow(), judged) || inAny(config.allow(), address)) {
            return Optional.empty();
        }
        if (inAny(METADATA, judged)) {
            return Optional.of("a cloud metadata address");
        }
        if (inAny(LINK_LOCAL, judged)) {
            return Optional.of("a link-local address");
        }
        if (inAny(config.deny(), judged) || inAny(config.deny(), address)) {
            return Optional.of("an address in egress.deny");
        }
        return Optional.empty();
    }

    private static boolean inAny(List<Cidr> networks, InetAddress address) {
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 (64:ff9b::/96) IPv6 address. */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean zeroPrefix = allZero(b, 0, 10);
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !allZero(b, 12, 16) && !isLoopbackTail(b);
        boolean nat64 = (b[0] & 0xff) == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        if (!mapped && !compatible && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code ::1} is IPv6 loopback, not an IPv4-compatible address. */
    private static boolean isLoopbackTail(byte[] b) {
        return b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] == 1;
    }
}
