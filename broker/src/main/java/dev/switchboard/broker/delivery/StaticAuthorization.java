package dev.switchboard.broker.delivery;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code egressAuth} entries of type {@code bearer} and {@code basic} (docs/security.md): a header made from a secret file's
 * current contents. A 401 is final: the same file would give the same header.
 */
final class StaticAuthorization implements AttemptAuthorization {
    private final SecretFile secret;
    private final UnaryOperator<String> header;

    private StaticAuthorization(SecretFile secret, UnaryOperator<String> header) {
        this.secret = secret;
        this.header = header;
    }

    /** {@code Authorization: Bearer <token>} (RFC 6750 §2.1). */
    static StaticAuthorization bearer(SecretFile token) {
        return new StaticAuthorization(token, value -> "Bearer " + value);
    }

    /** {@code Authorization: Basic base64(username:password)} (RFC 7617). */
    static StaticAuthorization basic(String username, SecretFile password) {
        return new StaticAuthorization(
                password,
                value -> "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + value).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Future<Optional<String>> header() {
        return secret.current().map(value -> Optional.of(header.apply(value)));
    }

    @Override
    public boolean renewAfterRejection(String rejected) {
        return false;
    }
}
