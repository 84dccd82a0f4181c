package dev.switchboard.broker.config;

import dev.switchboard.broker.config.RawValue.Field;
import dev.switchboard.broker.config.RawValue.Mapping;
import dev.switchboard.broker.config.RawValue.Scalar;
import dev.switchboard.broker.config.RawValue.Sequence;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Types raw values: integers in a range, booleans, ISO-8601 durations, paths, http(s) URLs, CIDR lists
 * and property maps. A value that does not fit is a problem naming its key and what was expected
 * ({@code ingress.port: expected an integer 0..65535, got 'abc'}), and yields empty.
 */
final class ValueReader {
    private final Problems problems;

    ValueReader(Problems problems) {
        this.problems = problems;
    }

    Optional<String> text(String key, RawValue value, String expected) {
        if (value instanceof Scalar s && !s.isNull()) {
            return Optional.of(s.text());
        }
        return fail(key, expected, value);
    }

    Optional<String> nonBlank(String key, RawValue value, String expected) {
        return text(key, value, expected).flatMap(t -> t.isBlank() ? fail(key, expected, value) : Optional.of(t));
    }

    Optional<Integer> integer(String key, RawValue value, int min, int max) {
        String expected = "an integer " + min + ".." + max;
        return text(key, value, expected).flatMap(t -> {
            try {
                long n = Long.parseLong(t.strip());
                return n >= min && n <= max ? Optional.of((int) n) : fail(key, expected, value);
            } catch (NumberFormatException e) {
                return fail(key, expected, value);
            }
        });
    }

    /** A number from 0 to 1 inclusive, such as a sampling ratio. */
    Optional<Double> ratio(String key, RawValue value) {
        String expected = "a number from 0 to 1";
        return text(key, value, expected).flatMap(t -> {
            try {
                double ratio = Double.parseDouble(t.strip());
                return ratio >= 0 && ratio <= 1 ? Optional.of(ratio) : fail(key, expected, value);
            } catch (NumberFormatException e) {
                return fail(key, expected, value);
            }
        });
    }

    Optional<Boolean> bool(String key, RawValue value) {
        return text(key, value, "true or false").flatMap(t -> switch (t.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> fail(key, "true or false", value);
        });
    }

    /** An ISO-8601 duration such as {@code PT10S}; zero only when {@code allowZero}, never negative. */
    Optional<Duration> duration(String key, RawValue value, boolean allowZero) {
        String expected = (allowZero ? "a non-negative" : "a positive") + " ISO-8601 duration such as PT10S";
        return text(key, value, expected).flatMap(t -> {
            try {
                Duration d = Duration.parse(t.strip());
                return d.isNegative() || (d.isZero() && !allowZero) ? fail(key, expected, value) : Optional.of(d);
            } catch (DateTimeParseException e) {
                return fail(key, expected, value);
            }
        });
    }

    Optional<Path> path(String key, RawValue value) {
        return nonBlank(key, value, "a file or folder path").flatMap(t -> {
            try {
                return Optional.of(Path.of(t));
            } catch (InvalidPathException e) {
                return fail(key, "a file or folder path", value);
            }
        });
    }

    /** An absolute {@code http} or {@code https} URL with a host. */
    Optional<URI> httpUrl(String key, RawValue value) {
        String expected = "an absolute http(s) URL";
        return nonBlank(key, value, expected).flatMap(t -> {
            try {
                URI uri = new URI(t.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                boolean http = scheme.equals("http") || scheme.equals("https");
                return http && uri.getHost() != null ? Optional.of(uri) : fail(key, expected, value);
            } catch (URISyntaxException e) {
                return fail(key, expected, value);
            }
        });
    }

    Optional<List<Path>> paths(String key, RawValue value) {
        return list(key, value, this::path);
    }

    Optional<List<Cidr>> cidrs(String key, RawValue value) {
        String expected = "a CIDR such as 10.0.0.0/8 or fe80::/10";
        return list(key, value, (itemKey, item) -> text(itemKey, item, expected).flatMap(t -> {
            try {
                return Optional.of(Cidr.parse(t));
            } catch (IllegalArgumentException e) {
                return fail(itemKey, expected + " (" + e.getMessage() + ")", item);
            }
        }));
    }

    /** Raw client properties: a mapping of scalar values. */
    Optional<Map<String, String>> properties(String key, RawValue value) {
        if (!(value instanceof Mapping mapping)) {
            return fail(key, "a mapping of Kafka properties", value);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        boolean ok = true;
        for (Field field : mapping.fields()) {
            Optional<String> text = text(key + "." + field.name(), field.value(), "a property value");
            text.ifPresent(t -> properties.put(field.name(), t));
            ok &= text.isPresent();
        }
        return ok ? Optional.of(properties) : Optional.empty();
    }

    <T> Optional<List<T>> list(String key, RawValue value, BiFunction<String, RawValue, Optional<T>> item) {
        if (!(value instanceof Sequence sequence)) {
            return fail(key, "a list", value);
        }
        List<T> items = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < sequence.items().size(); i++) {
            Optional<T> typed = item.apply(key + "[" + i + "]", sequence.items().get(i));
            typed.ifPresent(items::add);
            ok &= typed.isPresent();
        }
        return ok ? Optional.of(items) : Optional.empty();
    }

    <T> Optional<T> fail(String key, String expected, RawValue value) {
        problems.error(key, "expected " + expected + ", got " + RawValue.describe(value), value.origin());
        return Optional.empty();
    }
}
