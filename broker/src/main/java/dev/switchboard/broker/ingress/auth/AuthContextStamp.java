package dev.switchboard.broker.ingress.auth;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.util.List;

/**
 * Records the verified principal in the CloudEvents authcontext extension
 * (https://github.com/cloudevents/spec/blob/main/cloudevents/extensions/authcontext.md) of each event, for
 * brokers with {@code switchboard.dev/authcontext: "true"} (docs/security.md). Whatever the client sent in
 * {@code authtype}, {@code authid} or {@code authclaims} is replaced or removed: only the ingress vouches for
 * them.
 */
public final class AuthContextStamp {
    public static final String AUTH_TYPE = "authtype";
    public static final String AUTH_ID = "authid";
    public static final String AUTH_CLAIMS = "authclaims";

    public List<CloudEvent> stamp(List<CloudEvent> events, Principal principal) {
        return events.stream().map(event -> stamp(event, principal)).toList();
    }

    private static CloudEvent stamp(CloudEvent event, Principal principal) {
        CloudEventBuilder builder = CloudEventBuilder.from(event)
                .withoutExtension(AUTH_ID)
                .withoutExtension(AUTH_CLAIMS)
                .withExtension(AUTH_TYPE, principal.type());
        principal.id().ifPresent(id -> builder.withExtension(AUTH_ID, id));
        principal.claims().ifPresent(claims -> builder.withExtension(AUTH_CLAIMS, claims));
        return builder.build();
    }
}
