package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.BackoffPolicy;
import dev.switchboard.triggers.model.DeliveryFormat;
import dev.switchboard.triggers.model.DeliverySpec;
import dev.switchboard.triggers.model.Destination;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads Knative {@code spec.delivery} (docs/routing-semantics.md "Delivery policy"): {@code deadLetterSink}, {@code retry} (not
 * negative), {@code backoffPolicy} (exponential|linear), {@code backoffDelay}, {@code timeout} (above zero),
 * {@code retryAfterMax} and {@code format} (json|binary). Absent fields stay empty; defaults belong to the
 * delivery policy.
 */
final class DeliveryReader {

    private static final Set<String> FIELDS =
            Set.of("deadLetterSink", "retry", "backoffPolicy", "backoffDelay", "timeout", "retryAfterMax", "format");
    private static final Map<String, BackoffPolicy> POLICIES =
            Map.of("exponential", BackoffPolicy.EXPONENTIAL, "linear", BackoffPolicy.LINEAR);
    private static final Map<String, DeliveryFormat> FORMATS =
            Map.of("json", DeliveryFormat.JSON, "binary", DeliveryFormat.BINARY);

    private final DestinationReader destinations;

    DeliveryReader(DestinationReader destinations) {
        this.destinations = destinations;
    }

    Optional<DeliverySpec> read(YamlMapping delivery) {
        FileDiagnostics report = delivery.report();
        int before = report.errorCount();
        delivery.allowOnly(FIELDS);
        Optional<Destination> sink = delivery.mapping("deadLetterSink").flatMap(destinations::read);
        Optional<Integer> retry = delivery.integer("retry").flatMap(n -> {
            if (n < 0 || n > Integer.MAX_VALUE) {
                report.error(
                        delivery.value("retry").orElseThrow(),
                        delivery.path("retry"),
                        n < 0 ? "must not be negative, got " + n : "too large: " + n);
                return Optional.empty();
            }
            return Optional.of(n.intValue());
        });
        Optional<BackoffPolicy> policy =
                delivery.string("backoffPolicy").flatMap(v -> oneOf(delivery, "backoffPolicy", v, POLICIES));
        Optional<Duration> backoffDelay = duration(delivery, "backoffDelay", false);
        Optional<Duration> timeout = duration(delivery, "timeout", true);
        Optional<Duration> retryAfterMax = duration(delivery, "retryAfterMax", false);
        Optional<DeliveryFormat> format = delivery.string("format").flatMap(v -> oneOf(delivery, "format", v, FORMATS));
        if (report.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new DeliverySpec(sink, retry, policy, backoffDelay, timeout, retryAfterMax, format));
    }

    private static <T> Optional<T> oneOf(YamlMapping delivery, String key, String value, Map<String, T> choices) {
        T choice = choices.get(value);
        if (choice == null) {
            delivery.report()
                    .error(
                            delivery.value(key).orElseThrow(),
                            delivery.path(key),
                            "unknown " + key + " \"" + value + "\", expected "
                                    + String.join(
                                            " or ",
                                            choices.keySet().stream().sorted().toList()));
        }
        return Optional.ofNullable(choice);
    }

    private static Optional<Duration> duration(YamlMapping delivery, String key, boolean positive) {
        return delivery.string(key).flatMap(text -> {
            Node node = delivery.value(key).orElseThrow();
            String path = delivery.path(key);
            Optional<Duration> parsed =
                    DurationText.parse(text, problem -> delivery.report().error(node, path, problem));
            if (positive && parsed.isPresent() && parsed.get().isZero()) {
                delivery.report().error(node, path, "must be longer than zero");
                return Optional.empty();
            }
            return parsed;
        });
    }
}
