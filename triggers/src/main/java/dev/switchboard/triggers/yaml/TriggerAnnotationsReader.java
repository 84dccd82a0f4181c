package dev.switchboard.triggers.yaml;

import static dev.switchboard.triggers.model.SwitchboardAnnotations.BACKOFF_MAX;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.CA_BUNDLE;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.DEAD_LETTER_AUTH;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.DELIVERY_ORDER;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.MAX_IN_FLIGHT;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.PAUSED;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.RATE_LIMIT;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.REPLY;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.START_FROM;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.SUBSCRIBER_AUTH;

import dev.switchboard.triggers.model.DeliveryOrder;
import dev.switchboard.triggers.model.EgressAuthRef;
import dev.switchboard.triggers.model.ReplyMode;
import dev.switchboard.triggers.model.StartFrom;
import dev.switchboard.triggers.model.TriggerOptions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Parses a trigger's annotations into {@link TriggerOptions} (docs/delivery.md: ordering, per-subscriber limits,
 * start position, pause, reply, backoff cap). A bad value is reported and the default used in its place.
 */
final class TriggerAnnotationsReader {

    static final Set<String> KEYS = Set.of(
            DELIVERY_ORDER,
            MAX_IN_FLIGHT,
            RATE_LIMIT,
            START_FROM,
            PAUSED,
            REPLY,
            BACKOFF_MAX,
            CA_BUNDLE,
            SUBSCRIBER_AUTH,
            DEAD_LETTER_AUTH);

    TriggerOptions read(Optional<YamlMapping> annotations) {
        VendorAnnotations vendor = new VendorAnnotations(annotations, KEYS, BrokerAnnotationsReader.KEYS, "Trigger");
        TriggerOptions defaults = TriggerOptions.defaults();
        DeliveryOrder order = vendor.choice(DELIVERY_ORDER, Set.of("ordered", "unordered"))
                .map(v -> v.equals("ordered") ? DeliveryOrder.ORDERED : DeliveryOrder.UNORDERED)
                .orElse(defaults.order());
        int maxInFlight = maxInFlight(vendor).orElse(defaults.maxInFlight());
        OptionalDouble rateLimit = rateLimit(vendor);
        StartFrom startFrom = startFrom(vendor).orElse(defaults.startFrom());
        boolean paused = vendor.flag(PAUSED).orElse(defaults.paused());
        ReplyMode reply = vendor.choice(REPLY, Set.of("publish", "discard"))
                .map(v -> v.equals("discard") ? ReplyMode.DISCARD : ReplyMode.PUBLISH)
                .orElse(defaults.reply());
        Duration backoffMax = backoffMax(vendor).orElse(defaults.backoffMax());
        return new TriggerOptions(
                order,
                maxInFlight,
                rateLimit,
                startFrom,
                paused,
                reply,
                backoffMax,
                caBundle(vendor),
                authName(vendor, SUBSCRIBER_AUTH),
                authName(vendor, DEAD_LETTER_AUTH));
    }

    /**
     * {@code switchboard.dev/subscriber-auth} and {@code dead-letter-auth} (docs/security.md): the name of an {@code egressAuth}
     * entry. Whether the server defines it is the trigger's status ({@code SubscriberAuthNotFound}), not a load error.
     */
    private static Optional<EgressAuthRef> authName(VendorAnnotations vendor, String key) {
        return vendor.text(key).flatMap(text -> {
            if (text.isBlank()) {
                vendor.bad(key, "expected the name of an egressAuth entry of the server config, got an empty value");
                return Optional.empty();
            }
            return Optional.of(EgressAuthRef.named(text.strip()));
        });
    }

    /**
     * {@code switchboard.dev/ca-bundle} (docs/security.md): a non-empty file path. Whether the file exists is checked by the
     * broker when it delivers (the trigger shows Ready=False until the file can be read), so a resource set stays
     * valid while a mounted secret is being created.
     */
    private static Optional<Path> caBundle(VendorAnnotations vendor) {
        return vendor.text(CA_BUNDLE).flatMap(text -> {
            if (text.isBlank()) {
                vendor.bad(CA_BUNDLE, "expected the path of a PEM file of CA certificates, got an empty value");
                return Optional.empty();
            }
            try {
                return Optional.of(Path.of(text.strip()));
            } catch (InvalidPathException e) {
                vendor.bad(CA_BUNDLE, "not a file path: " + e.getReason());
                return Optional.empty();
            }
        });
    }

    private static Optional<Integer> maxInFlight(VendorAnnotations vendor) {
        return vendor.text(MAX_IN_FLIGHT).flatMap(text -> {
            try {
                int value = Integer.parseInt(text.trim());
                if (value > 0) {
                    return Optional.of(value);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            vendor.bad(MAX_IN_FLIGHT, "expected a positive integer, got \"" + text + "\"");
            return Optional.empty();
        });
    }

    private static OptionalDouble rateLimit(VendorAnnotations vendor) {
        Optional<String> text = vendor.text(RATE_LIMIT);
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(text.get().trim());
            if (value > 0 && Double.isFinite(value)) {
                return OptionalDouble.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        vendor.bad(RATE_LIMIT, "expected a positive number of events per second, got \"" + text.get() + "\"");
        return OptionalDouble.empty();
    }

    private static Optional<StartFrom> startFrom(VendorAnnotations vendor) {
        return vendor.text(START_FROM).flatMap(text -> {
            if (text.equals("earliest")) {
                return Optional.of(new StartFrom.Earliest());
            }
            if (text.equals("latest")) {
                return Optional.of(new StartFrom.Latest());
            }
            try {
                return Optional.of(new StartFrom.At(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant()));
            } catch (DateTimeParseException e) {
                vendor.bad(
                        START_FROM,
                        "expected earliest, latest or an RFC 3339 timestamp such as 2024-05-01T12:00:00Z, got \"" + text
                                + "\"");
                return Optional.empty();
            }
        });
    }

    private static Optional<Duration> backoffMax(VendorAnnotations vendor) {
        return vendor.text(BACKOFF_MAX)
                .flatMap(text -> DurationText.parse(text, problem -> vendor.bad(BACKOFF_MAX, problem))
                        .filter(d -> {
                            if (d.isZero()) {
                                vendor.bad(BACKOFF_MAX, "must be longer than zero");
                                return false;
                            }
                            return true;
                        }));
    }
}
