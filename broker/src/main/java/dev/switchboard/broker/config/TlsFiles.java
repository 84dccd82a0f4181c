package dev.switchboard.broker.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * PEM files of one TLS listener (docs/security.md); {@code clientCaFile} (ingress only) asks for client
 * certificates signed by that CA.
 */
public record TlsFiles(Path certFile, Path keyFile, Optional<Path> clientCaFile) {}
