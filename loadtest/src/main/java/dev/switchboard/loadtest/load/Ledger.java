package dev.switchboard.loadtest.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every event the system under test answered 202 (accepted), with its type: what the receiver and the
 * topic reader must account for. Safe to record into from any thread.
 */
public final class Ledger {
    private final Map<String, String> typeById = new ConcurrentHashMap<>();

    public void record(LoadEvent event) {
        typeById.put(event.id(), event.type());
    }

    public int size() {
        return typeById.size();
    }

    public Set<String> ids() {
        return Set.copyOf(typeById.keySet());
    }

    /** The ids of accepted events whose type passes {@code typeFilter}. */
    public Set<String> idsOfTypes(Predicate<String> typeFilter) {
        return typeById.entrySet().stream()
                .filter(entry -> typeFilter.test(entry.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Calls {@code action} with the id and type of every accepted event. */
    public void forEach(BiConsumer<String, String> action) {
        typeById.forEach(action);
    }

    /** Accepted events per type. */
    public Map<String, Long> countByType() {
        Map<String, Long> counts = new HashMap<>();
        typeById.values().forEach(type -> counts.merge(type, 1L, Long::sum));
        return counts;
    }

    /** Writes one {@code id type} line per accepted event. */
    public void writeTo(Path file) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> entry : typeById.entrySet()) {
                writer.write(entry.getKey());
                writer.write(' ');
                writer.write(entry.getValue());
                writer.newLine();
            }
        }
    }

    /** Reads a file written by {@link #writeTo}. */
    public static Ledger readFrom(Path file) throws IOException {
        Ledger ledger = new Ledger();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.filter(line -> !line.isBlank()).forEach(line -> {
                int space = line.indexOf(' ');
                if (space < 1) {
                    throw new IllegalArgumentException(file + ": not an 'id type' line: " + line);
                }
                ledger.typeById.put(line.substring(0, space), line.substring(space + 1));
            });
        }
        return ledger;
    }
}
