package dev.switchboard.broker.ingress.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The static bearer tokens of {@code auth.tokensFile} (docs/security.md): a YAML list of
 * {@code - {token: "...", subject: "billing"}}. Only SHA-256 digests of the tokens are kept, and a presented
 * token is compared with every one of them with {@link MessageDigest#isEqual} (constant time, no early exit),
 * so neither timing nor a heap dump gives a token away.
 */
public final class StaticTokens {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private record Entry(byte[] digest, String subject) {}

    private final List<Entry> entries;

    private StaticTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads a tokens file.
     *
     * @throws IllegalArgumentException when it is not a list of {@code {token, subject}} with non-empty strings;
     *     the message names the entry by index, never by its token
     */
    public static StaticTokens load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokens file " + file, e);
        }
    }

    static StaticTokens parse(String yaml, String name) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " is not valid YAML");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(name + " must be a YAML list of {token, subject}");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            JsonNode token = item.get("token");
            JsonNode subject = item.get("subject");
            if (!item.isObject()
                    || item.size() != 2
                    || token == null
                    || !token.isTextual()
                    || token.asText().isBlank()
                    || subject == null
                    || !subject.isTextual()
                    || subject.asText().isBlank()) {
                throw new IllegalArgumentException(
                        name + " entry " + i + " must have exactly a non-empty string token and subject");
            }
            entries.add(new Entry(digest(token.asText()), subject.asText().strip()));
        }
        return new StaticTokens(entries);
    }

    /** The subject of {@code token}, looking at every entry whatever matches. */
    public TokenCheck check(String token) {
        byte[] presented = digest(token);
        String subject = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented) && subject == null) {
                subject = entry.subject();
            }
        }
        if (subject == null) {
            return new TokenCheck.Invalid("unknown token");
        }
        return new TokenCheck.Valid(new Principal(Principal.API_KEY, Optional.of(subject), Optional.empty()));
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "StaticTokens[" + entries.size() + " tokens]";
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
