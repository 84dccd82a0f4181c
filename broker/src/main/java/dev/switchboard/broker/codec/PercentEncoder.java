package dev.switchboard.broker.codec;

import java.nio.charset.StandardCharsets;

/**
 * Encodes {@code ce-} header values per the CloudEvents HTTP binding §3.1.3.2
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md#3132-http-header-values):
 * space, double quote, percent and every byte outside printable ASCII become {@code %XX} of the UTF-8
 * bytes. The CloudEvents Java SDK's HTTP writers send values raw, so every outgoing binary-mode request
 * goes through here.
 */
public final class PercentEncoder {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoder() {}

    public static String encode(String value) {
        if (!needsEncoding(value)) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int octet = b & 0xFF;
            if (mustEscape(octet)) {
                out.append('%').append(HEX[octet >> 4]).append(HEX[octet & 0xF]);
            } else {
                out.append((char) octet);
            }
        }
        return out.toString();
    }

    private static boolean needsEncoding(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (mustEscape(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean mustEscape(int c) {
        return c <= 0x20 || c == '"' || c == '%' || c >= 0x7F;
    }
}
