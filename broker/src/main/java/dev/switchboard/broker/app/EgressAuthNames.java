package dev.switchboard.broker.app;

import dev.switchboard.broker.config.EgressAuth;
import dev.switchboard.triggers.model.EgressAuthCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The server's {@code egressAuth} entries as the resource loader checks them (docs/security.md): a trigger naming an entry
 * that does not exist, or asking for an audience from an entry that is not OAuth 2.0, is Ready=False with reason
 * {@code SubscriberAuthNotFound}.
 */
final class EgressAuthNames {
    private EgressAuthNames() {}

    static EgressAuthCatalog of(Map<String, EgressAuth> entries) {
        return ref -> {
            EgressAuth entry = entries.get(ref.name());
            if (entry == null) {
                return Optional.of("the server config's egressAuth has no such entry (defined: "
                        + (entries.isEmpty() ? "none" : String.join(", ", new TreeSet<>(entries.keySet()))) + ")");
            }
            if (ref.needsOAuth2() && !(entry instanceof EgressAuth.OAuth2)) {
                return Optional.of("an audience needs an entry of type oauth2");
            }
            return Optional.empty();
        };
    }
}
