package dev.switchboard.broker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PercentDecoderTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "plain|plain",
                "with%20space|with space",
                "%22quoted%22|\"quoted\"",
                "100%25|100%",
                "caf%C3%A9|café",
                "%E2%82%AC|€",
                "lower%c3%a9|loweré",
                "%F0%9F%98%80|😀"
            })
    void decodesPercentEncodedUtf8(String raw, String expected) {
        assertThat(PercentDecoder.decode(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "abc%2", "%G1", "%zz", "%C3", "%FF%FE", "%C3%28", "%ED%A0%80"})
    void rejectsMalformedSequencesAndInvalidUtf8(String raw) {
        assertThatIllegalArgumentException().isThrownBy(() -> PercentDecoder.decode(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"caf\u00c3\u00a9"})
    void treatsRawHeaderOctetsAsUtf8Bytes(String latin1Octets) {
        assertThat(PercentDecoder.decode(latin1Octets)).isEqualTo("café");
    }
}
