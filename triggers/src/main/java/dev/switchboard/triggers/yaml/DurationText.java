package dev.switchboard.triggers.yaml;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Parses Knative's ISO-8601 durations ({@code backoffDelay: PT0.2S}) with {@link Duration#parse}. Years and
 * months have no fixed length and are rejected with a message saying so; weeks likewise, for lack of support
 * in {@code java.time.Duration}. Negative durations are rejected.
 */
final class DurationText {

    private DurationText() {}

    /** The duration, or empty after telling {@code problem} why not. */
    static Optional<Duration> parse(String text, Consumer<String> problem) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        String unsigned = upper.startsWith("-") || upper.startsWith("+") ? upper.substring(1) : upper;
        if (unsigned.startsWith("P")) {
            int t = unsigned.indexOf('T');
            String datePart = unsigned.substring(1, t < 0 ? unsigned.length() : t);
            if (datePart.contains("Y") || datePart.contains("M")) {
                problem.accept("\"" + text + "\": years and months are not supported, use days or smaller");
                return Optional.empty();
            }
            if (datePart.contains("W")) {
                problem.accept("\"" + text + "\": weeks are not supported, use days or smaller");
                return Optional.empty();
            }
        }
        Duration duration;
        try {
            duration = Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            problem.accept("\"" + text + "\" is not an ISO-8601 duration such as PT0.2S, PT30S or P1D");
            return Optional.empty();
        }
        if (duration.isNegative()) {
            problem.accept("\"" + text + "\": a duration must not be negative");
            return Optional.empty();
        }
        return Optional.of(duration);
    }
}
