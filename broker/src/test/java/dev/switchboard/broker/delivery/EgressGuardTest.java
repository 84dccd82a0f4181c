package dev.switchboard.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.config.Cidr;
import dev.switchboard.broker.config.EgressConfig;
import io.vertx.core.Future;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The egress guard's address rules (docs/configuration.md, docs/security.md) as a table: built-in denials, deny and allow lists, embedded IPv4. */
class EgressGuardTest {
    private static final EgressConfig LISTS = new EgressConfig(
            List.of(Cidr.parse("10.1.2.3"), Cidr.parse("169.254.50.0/24")),
            List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fc00::/7")));

    static Stream<Arguments> addresses() throws Exception {
        return Stream.of(
                Arguments.of("metadata IPv4", ip("169.254.169.254"), "a cloud metadata address"),
                Arguments.of("metadata IPv6 (AWS)", ip("fd00:ec2::254"), "a cloud metadata address"),
                Arguments.of("metadata IPv4-mapped", mapped(169, 254, 169, 254), "a cloud metadata address"),
                Arguments.of("metadata IPv4-compatible", ip("::169.254.169.254"), "a cloud metadata address"),
                Arguments.of("metadata NAT64", ip("64:ff9b::a9fe:a9fe"), "a cloud metadata address"),
                Arguments.of("link-local IPv4", ip("169.254.7.7"), "a link-local address"),
                Arguments.of("link-local IPv4-mapped", mapped(169, 254, 7, 7), "a link-local address"),
                Arguments.of("link-local IPv6", ip("fe80::1"), "a link-local address"),
                Arguments.of("link-local IPv6 upper edge", ip("febf:ffff::1"), "a link-local address"),
                Arguments.of("denied network", ip("10.9.9.9"), "an address in egress.deny"),
                Arguments.of("denied network, IPv4-mapped", mapped(10, 9, 9, 9), "an address in egress.deny"),
                Arguments.of("denied IPv6 network", ip("fd12::1"), "an address in egress.deny"),
                Arguments.of("allowed inside a denied network", ip("10.1.2.3"), null),
                Arguments.of("allowed link-local range", ip("169.254.50.9"), null),
                Arguments.of("loopback", ip("127.0.0.1"), null),
                Arguments.of("IPv6 loopback", ip("::1"), null),
                Arguments.of("public IPv4", ip("93.184.216.34"), null),
                Arguments.of("just outside link-local", ip("169.255.0.1"), null),
                Arguments.of("IPv6 outside fe80::/10", ip("fec0::1"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void judgesTheResolvedAddress(String name, InetAddress address, String expected) {
        EgressGuard guard = new EgressGuard(LISTS, host -> Future.succeededFuture(address));

        assertThat(guard.refusal(address)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void metadataIsAllowedOnlyWhenAllowListed() throws Exception {
        EgressGuard open = new EgressGuard(
                new EgressConfig(List.of(Cidr.parse("169.254.169.254")), List.of()),
                host -> Future.succeededFuture(null));

        assertThat(open.refusal(ip("169.254.169.254"))).isEmpty();
        assertThat(open.refusal(mapped(169, 254, 169, 254))).isEmpty();
        assertThat(open.refusal(ip("169.254.169.253"))).contains("a link-local address");
    }

    @Test
    void checksTheAddressTheNameResolvesToNotTheName() throws Exception {
        InetAddress metadata = ip("169.254.169.254");
        EgressGuard guard =
                new EgressGuard(new EgressConfig(List.of(), List.of()), host -> Future.succeededFuture(metadata));

        EgressCheck check =
                guard.check(URI.create("http://innocent.example.com/hook")).await();

        assertThat(check)
                .isEqualTo(new EgressCheck.Refused(
                        "egress refused: innocent.example.com resolves to 169.254.169.254, a cloud metadata address"));
    }

    @Test
    void stripsTheBracketsOfAnIpv6LiteralBeforeResolving() throws Exception {
        List<String> asked = new java.util.ArrayList<>();
        EgressGuard guard = new EgressGuard(new EgressConfig(List.of(), List.of()), host -> {
            asked.add(host);
            return Future.succeededFuture(ip(host));
        });

        EgressCheck check = guard.check(URI.create("http://[fe80::1]:8080/")).await();

        assertThat(asked).containsExactly("fe80::1");
        assertThat(check).isInstanceOf(EgressCheck.Refused.class);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** An IPv4-mapped IPv6 address kept as an {@link Inet6Address} (as a resolver may hand it over). */
    private static InetAddress mapped(int a, int b, int c, int d) throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        return Inet6Address.getByAddress(null, bytes, -1);
    }
}
