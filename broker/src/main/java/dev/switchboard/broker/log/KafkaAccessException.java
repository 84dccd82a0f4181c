package dev.switchboard.broker.log;

/**
 * Kafka could not be used at startup, with the cause named for an operator (docs/configuration.md: "authentication failed",
 * "TLS handshake failed", no answer in time). The message never holds a credential: it is built from the
 * exception classes and messages of the Kafka client, which name mechanisms and hosts, not secrets.
 */
public final class KafkaAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KafkaAccessException(String message) {
        super(message);
    }
}
