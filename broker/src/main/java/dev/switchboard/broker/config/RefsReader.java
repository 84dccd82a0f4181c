package dev.switchboard.broker.config;

import dev.switchboard.broker.config.RawValue.Field;
import dev.switchboard.broker.config.RawValue.Mapping;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code refs} list (docs/triggers.md): every entry has exactly the keys
 * {@code kind}, {@code namespace}, {@code name} and {@code url} (an absolute http(s) URL), and no two
 * entries map the same reference.
 */
final class RefsReader {
    private static final List<String> KEYS = List.of("kind", "namespace", "name", "url");

    private final ValueReader reader;
    private final Problems problems;

    RefsReader(ValueReader reader, Problems problems) {
        this.reader = reader;
        this.problems = problems;
    }

    Optional<List<RefMapping>> read(String key, RawValue value) {
        Optional<List<RefMapping>> refs = reader.list(key, value, this::entry);
        refs.ifPresent(list -> rejectDuplicates(key, list, value));
        return refs;
    }

    private Optional<RefMapping> entry(String key, RawValue value) {
        if (!(value instanceof Mapping mapping)) {
            return reader.fail(key, "a mapping with kind, namespace, name and url", value);
        }
        Map<String, RawValue> fields = new LinkedHashMap<>();
        boolean ok = true;
        for (Field field : mapping.fields()) {
            if (KEYS.contains(field.name())) {
                fields.put(field.name(), field.value());
            } else {
                problems.error(
                        key + "." + field.name(),
                        "unknown key (known here: " + String.join(", ", KEYS) + ")",
                        field.keyOrigin());
                ok = false;
            }
        }
        for (String required : KEYS) {
            if (!fields.containsKey(required)) {
                problems.error(key, "missing key '" + required + "'", mapping.origin());
                ok = false;
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        Optional<String> kind = reader.nonBlank(key + ".kind", fields.get("kind"), "a kind such as Service");
        Optional<String> namespace = reader.nonBlank(key + ".namespace", fields.get("namespace"), "a namespace");
        Optional<String> name = reader.nonBlank(key + ".name", fields.get("name"), "a name");
        Optional<URI> url = reader.httpUrl(key + ".url", fields.get("url"));
        if (kind.isEmpty() || namespace.isEmpty() || name.isEmpty() || url.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RefMapping(kind.get(), namespace.get(), name.get(), url.get()));
    }

    private void rejectDuplicates(String key, List<RefMapping> refs, RawValue value) {
        List<RefMapping> seen = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            RefMapping ref = refs.get(i);
            int first = indexOf(seen, ref);
            if (first >= 0) {
                problems.error(
                        key + "[" + i + "]",
                        "maps " + ref.kind() + " " + ref.namespace() + "/" + ref.name() + " again (first at " + key
                                + "[" + first + "])",
                        value.origin());
            }
            seen.add(ref);
        }
    }

    private static int indexOf(List<RefMapping> seen, RefMapping ref) {
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).matches(ref.kind(), ref.namespace(), ref.name())) {
                return i;
            }
        }
        return -1;
    }
}
