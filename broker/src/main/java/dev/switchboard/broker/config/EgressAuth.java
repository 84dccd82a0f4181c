package dev.switchboard.broker.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One named entry of {@code egressAuth} (docs/security.md "Subscriber credentials"): how Switchboard proves who it is to a
 * subscriber or a dead-letter sink. Secrets are never in the config, only the files that hold them; {@code
 * toString} of each entry therefore shows nothing secret.
 */
public sealed interface EgressAuth {

    /** The file holding this entry's secret: the token, the password or the client secret. */
    Path secretFile();

    /** {@code Authorization: Bearer <the file's content>}. */
    record Bearer(Path tokenFile) implements EgressAuth {
        public Bearer {
            Objects.requireNonNull(tokenFile, "tokenFile");
        }

        @Override
        public Path secretFile() {
            return tokenFile;
        }
    }

    /** {@code Authorization: Basic base64(username:<the file's content>)}. */
    record Basic(String username, Path passwordFile) implements EgressAuth {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordFile, "passwordFile");
        }

        @Override
        public Path secretFile() {
            return passwordFile;
        }
    }

    /**
     * A bearer token from an OAuth 2.0 token endpoint with the client-credentials grant (RFC 6749 §4.4), the
     * client authenticated with HTTP Basic ({@code client_secret_basic}, RFC 6749 §2.3.1).
     *
     * @param audience sent as the {@code audience} parameter (as Auth0, Okta, Keycloak and Knative expect), when set
     */
    record OAuth2(
            URI tokenUrl, String clientId, Path clientSecretFile, Optional<String> scope, Optional<String> audience)
            implements EgressAuth {
        public OAuth2 {
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecretFile, "clientSecretFile");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(audience, "audience");
        }

        @Override
        public Path secretFile() {
            return clientSecretFile;
        }
    }
}
