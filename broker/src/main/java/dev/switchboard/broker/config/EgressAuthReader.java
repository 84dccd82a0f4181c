package dev.switchboard.broker.config;

import dev.switchboard.broker.config.RawValue.Field;
import dev.switchboard.broker.config.RawValue.Mapping;
import dev.switchboard.broker.config.RawValue.Sequence;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code egressAuth} (docs/security.md): a mapping of entry names to {@code {type: bearer, tokenFile}}, {@code {type:
 * basic, username, passwordFile}} or {@code {type: oauth2, tokenUrl, clientId, clientSecretFile, scope, audience}}.
 * Every key a type needs is required, unknown keys are errors; the files are not opened here (the delivery stage
 * reads them, and reads them again when they change).
 */
final class EgressAuthReader {
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "bearer", List.of("tokenFile"),
            "basic", List.of("username", "passwordFile"),
            "oauth2", List.of("tokenUrl", "clientId", "clientSecretFile"));
    private static final Map<String, Set<String>> OPTIONAL =
            Map.of("bearer", Set.of(), "basic", Set.of(), "oauth2", Set.of("scope", "audience"));

    private final ValueReader reader;
    private final Problems problems;

    EgressAuthReader(ValueReader reader, Problems problems) {
        this.reader = reader;
        this.problems = problems;
    }

    Optional<Map<String, EgressAuth>> read(String key, RawValue value) {
        if (value instanceof Sequence sequence && sequence.items().isEmpty()) {
            return Optional.of(Map.of());
        }
        if (!(value instanceof Mapping mapping)) {
            return reader.fail(key, "a mapping of entry names to {type: bearer|basic|oauth2, ...}", value);
        }
        Map<String, EgressAuth> entries = new LinkedHashMap<>();
        boolean ok = true;
        for (Field field : mapping.fields()) {
            Optional<EgressAuth> entry = entry(key + "." + field.name(), field.value());
            entry.ifPresent(e -> entries.put(field.name(), e));
            ok &= entry.isPresent();
        }
        return ok ? Optional.of(entries) : Optional.empty();
    }

    private Optional<EgressAuth> entry(String key, RawValue value) {
        if (!(value instanceof Mapping mapping)) {
            return reader.fail(key, "a mapping with type and the keys of that type", value);
        }
        Map<String, RawValue> fields = new LinkedHashMap<>();
        mapping.fields().forEach(f -> fields.put(f.name(), f.value()));
        if (!fields.containsKey("type")) {
            problems.error(key, "missing key 'type' (bearer, basic or oauth2)", mapping.origin());
            return Optional.empty();
        }
        Optional<String> type = reader.nonBlank(key + ".type", fields.get("type"), "bearer, basic or oauth2");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (!REQUIRED.containsKey(type.get())) {
            return reader.fail(key + ".type", "bearer, basic or oauth2", fields.get("type"));
        }
        if (!onlyKnownKeys(key, type.get(), mapping)) {
            return Optional.empty();
        }
        Map<String, String> text = new LinkedHashMap<>();
        for (String required : REQUIRED.get(type.get())) {
            if (!fields.containsKey(required)) {
                problems.error(key, "missing key '" + required + "' (type " + type.get() + ")", mapping.origin());
                return Optional.empty();
            }
        }
        for (String name : fields.keySet()) {
            if (!name.equals("type")) {
                Optional<String> v = reader.nonBlank(key + "." + name, fields.get(name), "a non-empty value");
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                text.put(name, v.get().strip());
            }
        }
        return switch (type.get()) {
            case "bearer" -> Optional.of(new EgressAuth.Bearer(Path.of(text.get("tokenFile"))));
            case "basic" -> Optional.of(new EgressAuth.Basic(text.get("username"), Path.of(text.get("passwordFile"))));
            default ->
                reader.httpUrl(key + ".tokenUrl", fields.get("tokenUrl"))
                        .map(URI.class::cast)
                        .map(url -> new EgressAuth.OAuth2(
                                url,
                                text.get("clientId"),
                                Path.of(text.get("clientSecretFile")),
                                Optional.ofNullable(text.get("scope")),
                                Optional.ofNullable(text.get("audience"))));
        };
    }

    private boolean onlyKnownKeys(String key, String type, Mapping mapping) {
        boolean ok = true;
        for (Field field : mapping.fields()) {
            String name = field.name();
            if (!name.equals("type")
                    && !REQUIRED.get(type).contains(name)
                    && !OPTIONAL.get(type).contains(name)) {
                List<String> known = new java.util.ArrayList<>(REQUIRED.get(type));
                known.addAll(OPTIONAL.get(type));
                problems.error(
                        key + "." + name,
                        "unknown key for type " + type + " (known: type, " + String.join(", ", known) + ")",
                        field.keyOrigin());
                ok = false;
            }
        }
        return ok;
    }
}
