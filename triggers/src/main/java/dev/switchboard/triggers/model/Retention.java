package dev.switchboard.triggers.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a broker topic keeps its records (docs/configuration.md "Broker annotations"): a positive duration, or
 * forever. As a Kafka topic config it is {@code retention.ms}, {@code -1} meaning infinite.
 *
 * @param limit the duration, empty for infinite
 */
public record Retention(Optional<Duration> limit) {

    /** Kafka's {@code retention.ms} topic config. */
    public static final String KAFKA_CONFIG = "retention.ms";

    public Retention {
        Objects.requireNonNull(limit, "limit");
        limit.ifPresent(duration -> {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("a retention must be positive: " + duration);
            }
        });
    }

    public static Retention infinite() {
        return new Retention(Optional.empty());
    }

    public static Retention of(Duration duration) {
        return new Retention(Optional.of(duration));
    }

    /** The value of Kafka's {@code retention.ms}: the duration in milliseconds, or -1 for infinite. */
    public long kafkaMillis() {
        return limit.map(Duration::toMillis).orElse(-1L);
    }

    @Override
    public String toString() {
        return limit.map(Duration::toString).orElse("infinite");
    }
}
