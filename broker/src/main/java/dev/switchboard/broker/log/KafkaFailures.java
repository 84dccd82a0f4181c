package dev.switchboard.broker.log;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Names why a Kafka client call failed, in words an operator acts on (docs/configuration.md): {@code authentication failed}
 * (SASL credentials refused), {@code TLS handshake failed} (an untrusted or refused certificate, a host name
 * the certificate lacks), {@code not authorized}, or no answer in time. Built from exception types and the
 * Kafka client's messages, which never carry the credentials themselves.
 */
public final class KafkaFailures {
    private KafkaFailures() {}

    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof SslAuthenticationException) {
            return "TLS handshake failed: " + deepest(cause, SSLException.class);
        }
        if (cause instanceof SaslAuthenticationException) {
            return "authentication failed: " + cause.getMessage();
        }
        if (cause instanceof org.apache.kafka.common.errors.AuthenticationException) {
            return "authentication failed: " + cause.getMessage();
        }
        if (cause instanceof AuthorizationException) {
            return "not authorized: " + cause.getMessage();
        }
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return "no answer in time (is kafka.bootstrapServers right, and does kafka.client security.protocol"
                    + " match the listener?): " + cause.getMessage();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The message of the innermost {@code type} under {@code failure}, the one that says what was wrong. */
    private static String deepest(Throwable failure, Class<? extends Throwable> type) {
        String message = failure.getMessage();
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (type.isInstance(t) && t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
