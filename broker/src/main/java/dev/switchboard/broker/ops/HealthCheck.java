package dev.switchboard.broker.ops;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One named probe of {@code /livez} or {@code /readyz} (docs/operations.md): it answers {@link Outcome}, never blocks
 * (checks read state kept up to date elsewhere, e.g. by the Kafka reachability probe).
 *
 * @param name shown in the verbose listing, e.g. {@code kafka}
 * @param probe the current outcome
 */
public record HealthCheck(String name, Supplier<Outcome> probe) {

    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probe, "probe");
    }

    /** A check that passes while {@code passing} is true and otherwise fails with {@code problem}. */
    public static HealthCheck of(String name, BooleanSupplier passing, String problem) {
        return new HealthCheck(name, () -> passing.getAsBoolean() ? Outcome.ok() : Outcome.failed(problem));
    }

    /** The result of running one check: passed, or failed with a reason an operator can act on. */
    public record Outcome(boolean passed, String detail) {
        public static Outcome ok() {
            return new Outcome(true, "ok");
        }

        public static Outcome failed(String reason) {
            return new Outcome(false, reason);
        }
    }
}
