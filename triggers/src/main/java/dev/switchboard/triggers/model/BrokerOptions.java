package dev.switchboard.triggers.model;

import java.util.List;
import java.util.Objects;

/**
 * A broker's {@code switchboard.dev/} annotations and Knative's {@code external.topic}, parsed (docs/security.md,
 * docs/configuration.md).
 *
 * @param auth {@code switchboard.dev/auth}, default {@link AuthMode#NONE}
 * @param allowedSubjects {@code switchboard.dev/allowed-subjects}; empty means every authenticated subject
 * @param recordAuthContext {@code switchboard.dev/authcontext: "true"} opts in to recording the principal
 * @param topic the settings of its Kafka topics (docs/configuration.md "Broker annotations")
 */
public record BrokerOptions(
        AuthMode auth, List<String> allowedSubjects, boolean recordAuthContext, TopicOptions topic) {

    public BrokerOptions {
        Objects.requireNonNull(auth, "auth");
        allowedSubjects = List.copyOf(allowedSubjects);
        Objects.requireNonNull(topic, "topic");
    }

    /** Ingress options with the default topic settings. */
    public BrokerOptions(AuthMode auth, List<String> allowedSubjects, boolean recordAuthContext) {
        this(auth, allowedSubjects, recordAuthContext, TopicOptions.defaults());
    }

    public static BrokerOptions defaults() {
        return new BrokerOptions(AuthMode.NONE, List.of(), false);
    }
}
