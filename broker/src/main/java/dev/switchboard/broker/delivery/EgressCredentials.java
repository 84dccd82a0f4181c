package dev.switchboard.broker.delivery;

import dev.switchboard.broker.config.EgressAuth;
import dev.switchboard.triggers.model.EgressAuthRef;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's {@code egressAuth} entries put to work (docs/security.md "Subscriber credentials"): for the entry a trigger
 * names for its subscriber or dead-letter sink, the {@link AttemptAuthorization} every attempt asks for its header.
 * Each secret file is read at start and followed for changes; each OAuth 2.0 entry and audience keeps its own token.
 */
public final class EgressCredentials implements AutoCloseable {
    /** How often secret files are checked for changes, as the TLS files are. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final Map<String, EgressAuth> entries;
    private final Clock clock;
    private final Map<Path, SecretFile> secrets;
    private final Map<EgressAuthRef, AttemptAuthorization> authorizations = new ConcurrentHashMap<>();

    private EgressCredentials(
            Vertx vertx, Map<String, EgressAuth> entries, Clock clock, Map<Path, SecretFile> secrets) {
        this.vertx = vertx;
        this.entries = Map.copyOf(entries);
        this.clock = clock;
        this.secrets = secrets;
    }

    /** No entries: every destination is reached without credentials. */
    public static EgressCredentials none() {
        return new EgressCredentials(null, Map.of(), Clock.systemUTC(), Map.of());
    }

    /** Reads every secret file of {@code entries} now (blocking, once) and follows them every {@code pollInterval}. */
    public static EgressCredentials of(
            Vertx vertx, Map<String, EgressAuth> entries, Clock clock, Duration pollInterval) {
        Map<Path, SecretFile> secrets = new HashMap<>();
        for (EgressAuth entry : entries.values()) {
            Path file = secretFile(entry);
            secrets.computeIfAbsent(file, path -> SecretFile.watch(vertx, path, pollInterval));
        }
        return new EgressCredentials(vertx, entries, clock, Map.copyOf(secrets));
    }

    /** The credentials of {@code ref}; {@link AttemptAuthorization#NONE} when the destination names none. */
    AttemptAuthorization authorization(Optional<EgressAuthRef> ref) {
        return ref.map(r -> authorizations.computeIfAbsent(r, this::open)).orElse(AttemptAuthorization.NONE);
    }

    /** Checks every secret file now rather than at the next tick (tests). */
    Future<Void> pollSecrets() {
        return Future.all(secrets.values().stream().map(SecretFile::poll).toList())
                .mapEmpty();
    }

    private AttemptAuthorization open(EgressAuthRef ref) {
        EgressAuth entry = entries.get(ref.name());
        if (entry == null) {
            return unusable("egressAuth has no entry '" + ref.name() + "'");
        }
        SecretFile secret = secrets.get(secretFile(entry));
        if (entry instanceof EgressAuth.OAuth2 oauth2) {
            return new ClientCredentialsTokens(vertx, oauth2, ref.audience().or(oauth2::audience), secret, clock);
        }
        if (ref.needsOAuth2()) {
            return unusable("egressAuth entry '" + ref.name() + "' is not of type oauth2, which an audience needs");
        }
        return entry instanceof EgressAuth.Basic basic
                ? StaticAuthorization.basic(basic.username(), secret)
                : StaticAuthorization.bearer(secret);
    }

    private static AttemptAuthorization unusable(String problem) {
        return new AttemptAuthorization() {
            @Override
            public Future<Optional<String>> header() {
                return Future.failedFuture(new IllegalStateException(problem));
            }

            @Override
            public boolean renewAfterRejection(String rejected) {
                return false;
            }
        };
    }

    private static Path secretFile(EgressAuth entry) {
        return entry.secretFile();
    }

    @Override
    public void close() {
        secrets.values().forEach(SecretFile::close);
    }
}
