package dev.switchboard.triggers.yaml;

import static dev.switchboard.triggers.model.SwitchboardAnnotations.ALLOWED_SUBJECTS;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.AUTH;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.AUTH_CONTEXT;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.DLQ_RETENTION;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.EXTERNAL_TOPIC;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.PARTITIONS;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.REPLICATION_FACTOR;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.RETENTION;

import dev.switchboard.triggers.model.AuthMode;
import dev.switchboard.triggers.model.BrokerOptions;
import dev.switchboard.triggers.model.Retention;
import dev.switchboard.triggers.model.TopicOptions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses a broker's annotations into {@link BrokerOptions} (docs/security.md: ingress auth, allowed subjects, recording
 * the principal; docs/configuration.md "Broker annotations": its topics' settings and Knative's external topic). A bad
 * value is reported and the default used in its place.
 */
final class BrokerAnnotationsReader {

    /** The {@code switchboard.dev/} keys of a Broker. */
    static final Set<String> KEYS =
            Set.of(AUTH, ALLOWED_SUBJECTS, AUTH_CONTEXT, PARTITIONS, REPLICATION_FACTOR, RETENTION, DLQ_RETENTION);

    /** Kafka's rule for topic names: at most 249 of letters, digits, '.', '_' and '-'. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    BrokerOptions read(Optional<YamlMapping> annotations) {
        Set<String> known = new HashSet<>(KEYS);
        known.add(EXTERNAL_TOPIC);
        VendorAnnotations vendor = new VendorAnnotations(annotations, known, TriggerAnnotationsReader.KEYS, "Broker");
        AuthMode auth = vendor.choice(AUTH, Set.of("none", "token", "oidc"))
                .map(v -> AuthMode.valueOf(v.toUpperCase(Locale.ROOT)))
                .orElse(AuthMode.NONE);
        List<String> subjects = subjects(vendor).orElse(List.of());
        boolean recordAuthContext = vendor.flag(AUTH_CONTEXT).orElse(false);
        return new BrokerOptions(auth, subjects, recordAuthContext, topic(vendor));
    }

    private static TopicOptions topic(VendorAnnotations vendor) {
        return new TopicOptions(
                positive(vendor, PARTITIONS, Integer.MAX_VALUE),
                positive(vendor, REPLICATION_FACTOR, Short.MAX_VALUE),
                retention(vendor, RETENTION),
                retention(vendor, DLQ_RETENTION).orElse(Retention.infinite()),
                externalTopic(vendor));
    }

    private static OptionalInt positive(VendorAnnotations vendor, String key, int max) {
        Optional<String> text = vendor.text(key);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            if (value > 0 && value <= max) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        vendor.bad(key, "expected a positive integer (at most " + max + "), got \"" + text.get() + "\"");
        return OptionalInt.empty();
    }

    /** An ISO-8601 duration greater than zero, or {@code infinite}. */
    private static Optional<Retention> retention(VendorAnnotations vendor, String key) {
        return vendor.text(key).flatMap(text -> {
            if (text.trim().equals("infinite")) {
                return Optional.of(Retention.infinite());
            }
            String problem = "expected an ISO-8601 duration such as P7D or PT12H, or \"infinite\"";
            return DurationText.parse(text, message -> vendor.bad(key, problem + "; " + message))
                    .flatMap(duration -> {
                        if (duration.isZero()) {
                            vendor.bad(key, problem + "; \"" + text + "\" is zero");
                            return Optional.empty();
                        }
                        if (duration.toMillis() == 0) {
                            vendor.bad(key, problem + "; \"" + text + "\" is shorter than a millisecond");
                            return Optional.empty();
                        }
                        return Optional.of(Retention.of(duration));
                    });
        });
    }

    private static Optional<String> externalTopic(VendorAnnotations vendor) {
        return vendor.text(EXTERNAL_TOPIC).flatMap(text -> {
            String name = text.trim();
            if (!TOPIC_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                vendor.bad(
                        EXTERNAL_TOPIC,
                        "expected a Kafka topic name (at most 249 letters, digits, '.', '_' or '-'), got \"" + text
                                + "\"");
                return Optional.empty();
            }
            return Optional.of(name);
        });
    }

    private static Optional<List<String>> subjects(VendorAnnotations vendor) {
        return vendor.text(ALLOWED_SUBJECTS).flatMap(text -> {
            List<String> subjects =
                    Arrays.stream(text.split(",", -1)).map(String::trim).toList();
            if (subjects.stream().anyMatch(String::isEmpty)) {
                vendor.bad(
                        ALLOWED_SUBJECTS,
                        "expected a comma-separated list of subjects such as \"a,b\", got \"" + text + "\"");
                return Optional.empty();
            }
            return Optional.of(subjects);
        });
    }
}
