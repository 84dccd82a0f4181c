package dev.switchboard.broker.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes {@code ce-} header values per the CloudEvents HTTP binding §3.1.3.2
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md#3132-http-header-values):
 * {@code %XX} sequences are bytes, the result is strict UTF-8. The CloudEvents Java SDK does not do this.
 */
public final class PercentDecoder {
    private PercentDecoder() {}

    /**
     * Returns the decoded value.
     *
     * @throws IllegalArgumentException naming the problem when a sequence is malformed or the bytes are not UTF-8
     */
    public static String decode(String value) {
        if (value.indexOf('%') < 0 && isAscii(value)) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("truncated percent-encoding at position " + i);
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException(
                            "invalid percent-encoding '" + value.substring(i, i + 3) + "' at position " + i);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0xFF) {
                throw new IllegalArgumentException("non-ISO-8859-1 character in header value at position " + i);
            } else {
                // header octets arrive as ISO-8859-1 characters: keep the raw byte
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-decoded value is not valid UTF-8");
        }
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
