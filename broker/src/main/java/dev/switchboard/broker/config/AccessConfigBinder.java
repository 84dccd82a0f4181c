package dev.switchboard.broker.config;

import static dev.switchboard.broker.config.ConfigKey.AUTH_OIDC_CLOCK_SKEW;
import static dev.switchboard.broker.config.ConfigKey.AUTH_OIDC_ISSUER;
import static dev.switchboard.broker.config.ConfigKey.AUTH_OIDC_JWKS_FILE;
import static dev.switchboard.broker.config.ConfigKey.AUTH_OIDC_JWKS_URI;
import static dev.switchboard.broker.config.ConfigKey.AUTH_TOKENS_FILE;
import static dev.switchboard.broker.config.ConfigKey.TLS_INGRESS_CERT_FILE;
import static dev.switchboard.broker.config.ConfigKey.TLS_INGRESS_CLIENT_CA_FILE;
import static dev.switchboard.broker.config.ConfigKey.TLS_INGRESS_KEY_FILE;
import static dev.switchboard.broker.config.ConfigKey.TLS_OPS_CERT_FILE;
import static dev.switchboard.broker.config.ConfigKey.TLS_OPS_KEY_FILE;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Binds the {@code auth} and {@code tls} sections (docs/security.md). A part is configured when any of its keys
 * is set, and then its required keys must be set too: OIDC needs {@code issuer} and exactly one of
 * {@code jwksUri}/{@code jwksFile}; a TLS listener needs {@code certFile} and {@code keyFile}. Referenced
 * files are not opened here: the components that read them report their errors.
 */
final class AccessConfigBinder {
    static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    private final Problems problems;

    AccessConfigBinder(Problems problems) {
        this.problems = problems;
    }

    AuthConfig auth(Settings settings) {
        ValueReader reader = settings.reader();
        Optional<Path> tokensFile = settings.get(AUTH_TOKENS_FILE, reader::path);
        return new AuthConfig(tokensFile, oidc(settings));
    }

    TlsConfig tls(Settings settings) {
        Optional<TlsFiles> ingress = tlsFiles(
                settings, TLS_INGRESS_CERT_FILE, TLS_INGRESS_KEY_FILE, Optional.of(TLS_INGRESS_CLIENT_CA_FILE));
        Optional<TlsFiles> ops = tlsFiles(settings, TLS_OPS_CERT_FILE, TLS_OPS_KEY_FILE, Optional.empty());
        return new TlsConfig(ingress, ops);
    }

    private Optional<OidcConfig> oidc(Settings settings) {
        List<ConfigKey> keys = List.of(AUTH_OIDC_ISSUER, AUTH_OIDC_JWKS_URI, AUTH_OIDC_JWKS_FILE, AUTH_OIDC_CLOCK_SKEW);
        Optional<ConfigKey> anySet = keys.stream().filter(settings::sets).findFirst();
        if (anySet.isEmpty()) {
            return Optional.empty();
        }
        ValueReader reader = settings.reader();
        Optional<URI> issuer = settings.get(AUTH_OIDC_ISSUER, reader::httpUrl);
        requireSet(settings, AUTH_OIDC_ISSUER, anySet.get(), "auth.oidc");
        Optional<URI> jwksUri = settings.get(AUTH_OIDC_JWKS_URI, reader::httpUrl);
        Optional<Path> jwksFile = settings.get(AUTH_OIDC_JWKS_FILE, reader::path);
        if (settings.sets(AUTH_OIDC_JWKS_URI) && settings.sets(AUTH_OIDC_JWKS_FILE)) {
            problems.error(
                    AUTH_OIDC_JWKS_FILE.path(),
                    "set only one of auth.oidc.jwksUri and auth.oidc.jwksFile",
                    settings.origin(AUTH_OIDC_JWKS_FILE));
        } else if (!settings.sets(AUTH_OIDC_JWKS_URI) && !settings.sets(AUTH_OIDC_JWKS_FILE)) {
            problems.error(
                    AUTH_OIDC_JWKS_URI.path(),
                    "one of auth.oidc.jwksUri and auth.oidc.jwksFile is required when auth.oidc is configured",
                    settings.origin(anySet.get()));
        }
        Duration clockSkew =
                settings.get(AUTH_OIDC_CLOCK_SKEW, (k, v) -> reader.duration(k, v, true), DEFAULT_CLOCK_SKEW);
        return issuer.map(i -> new OidcConfig(i, jwksUri, jwksFile, clockSkew));
    }

    private Optional<TlsFiles> tlsFiles(
            Settings settings, ConfigKey certKey, ConfigKey keyKey, Optional<ConfigKey> clientCaKey) {
        Optional<ConfigKey> anySet = clientCaKey.filter(settings::sets);
        anySet = settings.sets(keyKey) ? Optional.of(keyKey) : anySet;
        anySet = settings.sets(certKey) ? Optional.of(certKey) : anySet;
        if (anySet.isEmpty()) {
            return Optional.empty();
        }
        String section = certKey.path().substring(0, certKey.path().lastIndexOf('.'));
        requireSet(settings, certKey, anySet.get(), section);
        requireSet(settings, keyKey, anySet.get(), section);
        ValueReader reader = settings.reader();
        Optional<Path> cert = settings.get(certKey, reader::path);
        Optional<Path> key = settings.get(keyKey, reader::path);
        Optional<Path> clientCa = clientCaKey.flatMap(k -> settings.get(k, reader::path));
        return cert.flatMap(c -> key.map(k -> new TlsFiles(c, k, clientCa)));
    }

    private void requireSet(Settings settings, ConfigKey required, ConfigKey present, String section) {
        if (!settings.sets(required)) {
            problems.error(required.path(), "required when " + section + " is configured", settings.origin(present));
        }
    }
}
