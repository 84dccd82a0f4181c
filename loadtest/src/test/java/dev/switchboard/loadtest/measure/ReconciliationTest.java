package dev.switchboard.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconciliationTest {
    /** {@code "a:1 b:2"} to a count map; {@code "-"} is empty. */
    private static Map<String, Integer> counts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        if (!text.equals("-")) {
            for (String pair : text.split(" ")) {
                String[] parts = pair.split(":");
                counts.put(parts[0], Integer.parseInt(parts[1]));
            }
        }
        return counts;
    }

    @ParameterizedTest(name = "expected [{0}], arrived [{1}]")
    @CsvSource({
        "a b c, a:1 b:1 c:1, 3, 0, 0, 0",
        "a b c, a:1 c:1,     2, 1, 0, 0",
        "a b c, a:3 b:1 c:2, 3, 0, 3, 0",
        "a b,   a:1 b:1 x:2, 2, 0, 0, 2",
        "a b c, -,           0, 3, 0, 0",
        "a,     a:0,         0, 1, 0, 0"
    })
    void countsMissingDuplicatedAndUnexpectedIds(
            String expected, String arrived, long received, long missing, long duplicates, long unexpected) {
        Set<String> ids = Arrays.stream(expected.trim().split(" +")).collect(Collectors.toSet());
        Reconciliation result = Reconciliation.of(ids, counts(arrived.trim()));
        assertThat(result.expected()).isEqualTo(ids.size());
        assertThat(result.received()).isEqualTo(received);
        assertThat(result.missing()).isEqualTo(missing);
        assertThat(result.duplicates()).isEqualTo(duplicates);
        assertThat(result.unexpected()).isEqualTo(unexpected);
        assertThat(result.complete()).isEqualTo(missing == 0);
        assertThat(result.missingSample()).hasSize((int) missing);
    }
}
