package dev.switchboard.triggers.yaml;

import static dev.switchboard.triggers.model.SwitchboardAnnotations.ALLOWED_SUBJECTS;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.AUTH;
import static dev.switchboard.triggers.model.SwitchboardAnnotations.AUTH_CONTEXT;

import dev.switchboard.triggers.model.AuthMode;
import dev.switchboard.triggers.model.BrokerOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a broker's annotations into {@link BrokerOptions} (docs/security.md: ingress auth, allowed subjects, recording
 * the principal). A bad value is reported and the default used in its place.
 */
final class BrokerAnnotationsReader {

    static final Set<String> KEYS = Set.of(AUTH, ALLOWED_SUBJECTS, AUTH_CONTEXT);

    BrokerOptions read(Optional<YamlMapping> annotations) {
        VendorAnnotations vendor = new VendorAnnotations(annotations, KEYS, TriggerAnnotationsReader.KEYS, "Broker");
        AuthMode auth = vendor.choice(AUTH, Set.of("none", "token", "oidc"))
                .map(v -> AuthMode.valueOf(v.toUpperCase(Locale.ROOT)))
                .orElse(AuthMode.NONE);
        List<String> subjects = subjects(vendor).orElse(List.of());
        boolean recordAuthContext = vendor.flag(AUTH_CONTEXT).orElse(false);
        return new BrokerOptions(auth, subjects, recordAuthContext);
    }

    private static Optional<List<String>> subjects(VendorAnnotations vendor) {
        return vendor.text(ALLOWED_SUBJECTS).flatMap(text -> {
            List<String> subjects =
                    Arrays.stream(text.split(",", -1)).map(String::trim).toList();
            if (subjects.stream().anyMatch(String::isEmpty)) {
                vendor.bad(
                        ALLOWED_SUBJECTS,
                        "expected a comma-separated list of subjects such as \"a,b\", got \"" + text + "\"");
                return Optional.empty();
            }
            return Optional.of(subjects);
        });
    }
}
