package dev.switchboard.broker.app;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The AGE column of the list commands, written as {@code kn} and {@code kubectl} write it (the rounding of
 * Kubernetes' {@code HumanDuration}): seconds below 2 minutes ({@code 45s}), minutes and seconds below 10 minutes
 * ({@code 3m}, {@code 3m20s}), minutes below 3 hours, hours and minutes below 8 hours ({@code 2h}, {@code 2h5m}),
 * hours below 2 days, days and hours below 8 days ({@code 5d}, {@code 5d4h}), then days, then years.
 */
final class Age {
    private Age() {}

    /** How long before {@code now} the RFC 3339 {@code time} was; empty text when there is no time to read. */
    static String since(String time, Instant now) {
        if (time == null || time.isEmpty()) {
            return "";
        }
        try {
            return of(Duration.between(Instant.parse(time), now));
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    static String of(Duration age) {
        long seconds = age.toSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = age.toMinutes();
        if (minutes < 10) {
            return withRest(minutes, "m", seconds % 60, "s");
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = age.toHours();
        if (hours < 8) {
            return withRest(hours, "h", minutes % 60, "m");
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (hours < 24 * 8) {
            return withRest(days, "d", hours % 24, "h");
        }
        if (days < 365 * 2) {
            return days + "d";
        }
        long years = days / 365;
        if (days < 365 * 8) {
            return withRest(years, "y", days % 365, "d");
        }
        return years + "y";
    }

    private static String withRest(long whole, String unit, long rest, String restUnit) {
        return rest == 0 ? whole + unit : whole + unit + rest + restUnit;
    }
}
