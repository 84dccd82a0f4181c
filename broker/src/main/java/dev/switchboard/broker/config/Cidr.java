package dev.switchboard.broker.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fe80::/10}) for the egress
 * allow and deny lists (docs/configuration.md, docs/security.md). A bare address is a single-host network ({@code /32} or
 * {@code /128}); host bits after the prefix are cleared. Parsing never touches DNS.
 */
public record Cidr(InetAddress network, int prefixLength) {
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ", got " + prefixLength);
        }
        network = masked(network, prefixLength);
    }

    /**
     * Parses {@code address[/prefix]}.
     *
     * @throws IllegalArgumentException when it is not an IPv4 or IPv6 literal with a prefix in range
     */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress network = literal(address);
        int bits = network.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(network, bits);
        }
        String prefix = trimmed.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ", got '" + prefix + "'");
        }
        return new Cidr(network, Integer.parseInt(prefix));
    }

    /** Whether {@code address} lies in this network; addresses of the other IP family never do. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.getAddress().length
                && masked(address, prefixLength).equals(network);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static InetAddress literal(String address) {
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: '" + address + "'");
        }
        try {
            // only literals reach here (digits, dots, hex and colons), which InetAddress parses without DNS
            InetAddress parsed = InetAddress.getByName(address);
            if (!v4 && parsed instanceof Inet4Address) {
                throw new IllegalArgumentException("write IPv4-mapped address '" + address + "' in IPv4 form");
            }
            return parsed;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: '" + address + "'", e);
        }
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of a valid length was refused", e);
        }
    }
}
