package dev.switchboard.triggers.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.Diagnostic;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each invalid document yields an error at an exact line and column, with the field path and a clear message. */
class ResourceLoaderErrorsTest {

    private final ResourceLoader loader = new ResourceLoader();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("yaml syntax error", """
                        apiVersion: eventing.knative.dev/v1
                        kind: Trigger
                        metadata:
                          name: t1
                         bad: [1
                        """, 5, 2, "", "YAML syntax error"),
                Arguments.of(
                        "tab indentation",
                        "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n\tname: t1\n",
                        4,
                        1,
                        "",
                        "YAML syntax error"),
                Arguments.of(
                        "unknown top-level field",
                        trigger("") + "status: {}\n",
                        9,
                        1,
                        "status",
                        "unknown field \"status\""),
                Arguments.of(
                        "unknown field in spec",
                        trigger("  brokr: default\n"),
                        9,
                        3,
                        "spec.brokr",
                        "unknown field \"brokr\""),
                Arguments.of(
                        "unknown field in delivery",
                        trigger("  delivery:\n    retries: 3\n"),
                        10,
                        5,
                        "spec.delivery.retries",
                        "unknown field \"retries\""),
                Arguments.of("unknown field in metadata", """
                        apiVersion: eventing.knative.dev/v1
                        kind: Trigger
                        metadata:
                          name: t1
                          uid: abc
                        spec:
                          broker: default
                          subscriber:
                            uri: http://example.com/
                        """, 5, 3, "metadata.uid", "unknown field \"uid\""),
                Arguments.of(
                        "retry is a string",
                        trigger("  delivery:\n    retry: \"three\"\n"),
                        10,
                        12,
                        "spec.delivery.retry",
                        "expected an integer, got the string \"three\""),
                Arguments.of(
                        "list where a mapping is expected",
                        trigger("  delivery:\n    - retry: 3\n"),
                        10,
                        5,
                        "spec.delivery",
                        "expected a mapping, got a list"),
                Arguments.of("missing metadata.name", """
                        apiVersion: eventing.knative.dev/v1
                        kind: Trigger
                        metadata:
                          namespace: prod
                        spec:
                          broker: default
                          subscriber:
                            uri: http://example.com/
                        """, 3, 1, "metadata.name", "missing required field \"name\""),
                Arguments.of("missing spec.broker", """
                        apiVersion: eventing.knative.dev/v1
                        kind: Trigger
                        metadata:
                          name: t1
                        spec:
                          subscriber:
                            uri: http://example.com/
                        """, 5, 1, "spec.broker", "missing required field \"broker\""),
                Arguments.of(
                        "missing spec.subscriber",
                        """
                        apiVersion: eventing.knative.dev/v1
                        kind: Trigger
                        metadata:
                          name: t1
                        spec:
                          broker: default
                        """,
                        5,
                        1,
                        "spec.subscriber",
                        "missing required field \"subscriber\""),
                Arguments.of(
                        "wrong apiVersion",
                        trigger("").replace("eventing.knative.dev/v1", "eventing.knative.dev/v1beta1"),
                        1,
                        13,
                        "apiVersion",
                        "unsupported apiVersion \"eventing.knative.dev/v1beta1\""),
                Arguments.of(
                        "wrong kind",
                        trigger("").replace("kind: Trigger", "kind: Subscription"),
                        2,
                        7,
                        "kind",
                        "unsupported kind \"Subscription\""),
                Arguments.of(
                        "bad ISO-8601 duration",
                        trigger("  delivery:\n    backoffDelay: 5s\n"),
                        10,
                        19,
                        "spec.delivery.backoffDelay",
                        "\"5s\" is not an ISO-8601 duration"),
                Arguments.of(
                        "duration in years",
                        trigger("  delivery:\n    backoffDelay: P1Y\n"),
                        10,
                        19,
                        "spec.delivery.backoffDelay",
                        "years and months are not supported, use days or smaller"),
                Arguments.of(
                        "duration in months",
                        trigger("  delivery:\n    timeout: P2M\n"),
                        10,
                        14,
                        "spec.delivery.timeout",
                        "years and months are not supported, use days or smaller"),
                Arguments.of(
                        "negative retry",
                        trigger("  delivery:\n    retry: -1\n"),
                        10,
                        12,
                        "spec.delivery.retry",
                        "must not be negative"),
                Arguments.of(
                        "relative subscriber uri without ref",
                        trigger("").replace("uri: http://example.com/", "uri: /events"),
                        8,
                        10,
                        "spec.subscriber.uri",
                        "must be an absolute http or https URI"),
                Arguments.of(
                        "relative dead-letter sink uri",
                        trigger("  delivery:\n    deadLetterSink:\n      uri: dlq/path\n"),
                        11,
                        12,
                        "spec.delivery.deadLetterSink.uri",
                        "must be an absolute http or https URI"),
                Arguments.of(
                        "non-http subscriber uri",
                        trigger("").replace("uri: http://example.com/", "uri: ftp://example.com/"),
                        8,
                        10,
                        "spec.subscriber.uri",
                        "must be an absolute http or https URI"),
                Arguments.of(
                        "invalid CESQL",
                        trigger("  filters:\n    - cesql: \"type = \"\n"),
                        10,
                        14,
                        "spec.filters[0].cesql",
                        "invalid CESQL expression"),
                Arguments.of(
                        "CESQL on which the SDK's parser throws instead of reporting (found by fuzzing)",
                        trigger("  filters:\n    - cesql: \"type = 'a' AND (subjsubscrib(rx%')\"\n"),
                        10,
                        14,
                        "spec.filters[0].cesql",
                        "invalid CESQL expression"),
                Arguments.of(
                        "unknown filter dialect",
                        trigger("  filters:\n    - regex:\n        type: a.*\n"),
                        10,
                        7,
                        "spec.filters[0].regex",
                        "unknown filter dialect \"regex\""),
                Arguments.of(
                        "dialect object with zero keys",
                        trigger("  filters:\n    - {}\n"),
                        10,
                        7,
                        "spec.filters[0]",
                        "exactly one dialect (all, any, cesql, exact, not, prefix, suffix), got none"),
                Arguments.of(
                        "dialect object with two keys",
                        trigger("  filters:\n    - exact: {type: a}\n      prefix: {source: b}\n"),
                        10,
                        7,
                        "spec.filters[0]",
                        "got 2: exact, prefix"),
                Arguments.of(
                        "empty exact value",
                        trigger("  filters:\n    - exact:\n        type: \"\"\n"),
                        11,
                        15,
                        "spec.filters[0].exact.type",
                        "must not be empty"),
                Arguments.of(
                        "empty prefix value",
                        trigger("  filters:\n    - any:\n        - prefix:\n            type:\n"),
                        12,
                        18,
                        "spec.filters[0].any[0].prefix.type",
                        "must not be empty"),
                Arguments.of(
                        "empty suffix value nested in not",
                        trigger("  filters:\n    - not:\n        suffix:\n          source: ''\n"),
                        12,
                        19,
                        "spec.filters[0].not.suffix.source",
                        "must not be empty"),
                Arguments.of(
                        "bad annotation value",
                        annotated("switchboard.dev/max-in-flight: \"0\""),
                        6,
                        36,
                        "metadata.annotations[switchboard.dev/max-in-flight]",
                        "expected a positive integer"),
                Arguments.of(
                        "empty ca-bundle",
                        annotated("switchboard.dev/ca-bundle: \"\""),
                        6,
                        32,
                        "metadata.annotations[switchboard.dev/ca-bundle]",
                        "expected the path of a PEM file of CA certificates, got an empty value"),
                Arguments.of(
                        "null ca-bundle",
                        annotated("switchboard.dev/ca-bundle:"),
                        6,
                        31,
                        "metadata.annotations[switchboard.dev/ca-bundle]",
                        "got an empty value"),
                Arguments.of(
                        "ca-bundle with a NUL character",
                        annotated("switchboard.dev/ca-bundle: \"/etc/\\0ca.pem\""),
                        6,
                        32,
                        "metadata.annotations[switchboard.dev/ca-bundle]",
                        "not a file path"),
                Arguments.of(
                        "unknown switchboard annotation",
                        annotated("switchboard.dev/max-inflight: \"5\""),
                        6,
                        5,
                        "metadata.annotations[switchboard.dev/max-inflight]",
                        "unknown annotation \"switchboard.dev/max-inflight\""),
                Arguments.of(
                        "broker annotation on a trigger",
                        annotated("switchboard.dev/auth: token"),
                        6,
                        5,
                        "metadata.annotations[switchboard.dev/auth]",
                        "does not apply to a Trigger"),
                Arguments.of(
                        "bad start-from",
                        annotated("switchboard.dev/start-from: yesterday"),
                        6,
                        33,
                        "metadata.annotations[switchboard.dev/start-from]",
                        "RFC 3339"),
                Arguments.of(
                        "bad delivery.order",
                        annotated("kafka.eventing.knative.dev/delivery.order: sorted"),
                        6,
                        48,
                        "metadata.annotations[kafka.eventing.knative.dev/delivery.order]",
                        "expected one of ordered, unordered"),
                Arguments.of(
                        "bad backoffPolicy",
                        trigger("  delivery:\n    backoffPolicy: quadratic\n"),
                        10,
                        20,
                        "spec.delivery.backoffPolicy",
                        "unknown backoffPolicy \"quadratic\", expected exponential or linear"),
                Arguments.of(
                        "bad delivery format",
                        trigger("  delivery:\n    format: xml\n"),
                        10,
                        13,
                        "spec.delivery.format",
                        "unknown format \"xml\", expected binary or json"),
                Arguments.of(
                        "duplicate field",
                        trigger("  broker: other\n"),
                        9,
                        3,
                        "spec.broker",
                        "duplicate field \"broker\" (first at line 6)"),
                Arguments.of(
                        "invalid name",
                        trigger("").replace("name: t1", "name: My_Trigger"),
                        4,
                        9,
                        "metadata.name",
                        "RFC 1123"),
                Arguments.of(
                        "invalid attribute name",
                        trigger("  filter:\n    attributes:\n      Type: a\n"),
                        11,
                        7,
                        "spec.filter.attributes.Type",
                        "invalid attribute name"),
                Arguments.of(
                        "absolute uri with a ref",
                        trigger("")
                                .replace(
                                        "    uri: http://example.com/\n",
                                        "    ref: {apiVersion: v1, kind: Service, name: svc}\n    uri: http://x/\n"),
                        9,
                        10,
                        "spec.subscriber.uri",
                        "must be a relative URI"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsErrorAtExactPlace(String name, String yaml, int line, int column, String path, String message) {
        LoadResult result = loader.loadString("t.yaml", yaml, List.of());

        assertThat(result.isValid()).as("valid").isFalse();
        assertThat(result.errors()).as(result.errors().toString()).anySatisfy(d -> {
            assertThat(d.file()).isEqualTo("t.yaml");
            assertThat(d.line()).as("line").isEqualTo(line);
            assertThat(d.column()).as("column").isEqualTo(column);
            assertThat(d.path()).as("path").isEqualTo(path);
            assertThat(d.message()).as("message").contains(message);
        });
    }

    /** A valid trigger with {@code extraSpec} appended to its spec (line 9 onwards). */
    static String trigger(String extraSpec) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: t1
                spec:
                  broker: default
                  subscriber:
                    uri: http://example.com/
                """ + extraSpec;
    }

    /** A valid trigger whose single annotation (at line 6, column 5) is {@code annotation}. */
    static String annotated(String annotation) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: t1
                  annotations:
                    %s
                spec:
                  broker: default
                  subscriber:
                    uri: http://example.com/
                """.formatted(annotation);
    }

    static List<Diagnostic> errorsOf(LoadResult result) {
        return result.errors();
    }
}
