package dev.switchboard.triggers.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusClassifierTest {

    private final StatusClassifier classifier = new StatusClassifier();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "200, DELIVERED",
        "201, DELIVERED",
        "202, DELIVERED",
        "204, DELIVERED",
        "299, DELIVERED",
        "404, RETRY",
        "408, RETRY",
        "409, RETRY",
        "429, RETRY",
        "500, RETRY",
        "502, RETRY",
        "503, RETRY",
        "504, RETRY",
        "599, RETRY",
        "400, GIVE_UP",
        "401, GIVE_UP",
        "403, GIVE_UP",
        "405, GIVE_UP",
        "410, GIVE_UP",
        "413, GIVE_UP",
        "415, GIVE_UP",
        "422, GIVE_UP",
        "499, GIVE_UP",
        "300, GIVE_UP",
        "301, GIVE_UP",
        "302, GIVE_UP",
        "307, GIVE_UP",
        "308, GIVE_UP",
        "100, GIVE_UP",
    })
    void classifiesStatusPerSpecTable(int status, StatusClass expected) {
        assertThat(classifier.classify(status)).isEqualTo(expected);
    }
}
