package dev.switchboard.triggers.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.ConditionType;
import dev.switchboard.triggers.model.EgressAuthCatalog;
import dev.switchboard.triggers.model.EgressAuthRef;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.model.TriggerStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md "Subscriber credentials" as the routing language sees them: the annotations name an {@code egressAuth}
 * entry, Knative's {@code audience} uses the entry {@code default}, and a name the server does not define makes
 * the trigger Ready=False with reason {@code SubscriberAuthNotFound}.
 */
class EgressAuthAnnotationsTest {
    /** The server defines {@code billing} (bearer) and {@code default} (OAuth 2.0). */
    private static final EgressAuthCatalog SERVER = ref -> {
        Map<String, String> types = Map.of("billing", "bearer", "default", "oauth2");
        String type = types.get(ref.name());
        if (type == null) {
            return Optional.of("the server config's egressAuth has no such entry");
        }
        if (ref.needsOAuth2() && !type.equals("oauth2")) {
            return Optional.of("an audience needs an oauth2 entry, this one is " + type);
        }
        return Optional.empty();
    };

    @Test
    void annotationsNameTheEntriesOfSubscriberAndDeadLetterSink() {
        ResourceSet set = load("""
                  annotations:
                    switchboard.dev/subscriber-auth: billing
                    switchboard.dev/dead-letter-auth: default
                """, "", "");

        var options = set.trigger(ResourceId.parse("team/t")).orElseThrow().options();
        assertThat(options.subscriberAuth()).contains(EgressAuthRef.named("billing"));
        assertThat(options.deadLetterAuth()).contains(EgressAuthRef.named("default"));
        assertThat(set.status(ResourceId.parse("team/t")).isReady()).isTrue();
    }

    @Test
    void knativeAudienceUsesTheDefaultEntry() {
        ResourceSet set = load("", "    audience: https://billing.example.com\n", "");

        assertThat(set.trigger(ResourceId.parse("team/t"))
                        .orElseThrow()
                        .options()
                        .subscriberAuth())
                .contains(new EgressAuthRef("default", Optional.of("https://billing.example.com")));
        assertThat(set.status(ResourceId.parse("team/t")).isReady()).isTrue();
    }

    @Test
    void unknownSubscriberAuthMakesTheTriggerNotReady() {
        TriggerStatus status = load("""
                  annotations:
                    switchboard.dev/subscriber-auth: shipping
                """, "", "").status(ResourceId.parse("team/t"));

        assertThat(status.isReady()).isFalse();
        assertThat(status.condition(ConditionType.READY).reason()).isEqualTo("SubscriberAuthNotFound");
        assertThat(status.condition(ConditionType.READY).message())
                .contains("'shipping'")
                .contains("no such entry");
    }

    @Test
    void unknownDeadLetterAuthMakesTheTriggerNotReady() {
        TriggerStatus status = load("""
                  annotations:
                    switchboard.dev/dead-letter-auth: nope
                """, "", "").status(ResourceId.parse("team/t"));

        assertThat(status.condition(ConditionType.READY).reason()).isEqualTo("SubscriberAuthNotFound");
        assertThat(status.condition(ConditionType.DEAD_LETTER_SINK_RESOLVED).isTrue())
                .isFalse();
    }

    @Test
    void audienceWithABearerEntryIsNotFound() {
        TriggerStatus status = load("""
                  annotations:
                    switchboard.dev/subscriber-auth: billing
                """, "    audience: api://billing\n", "").status(ResourceId.parse("team/t"));

        assertThat(status.condition(ConditionType.READY).reason()).isEqualTo("SubscriberAuthNotFound");
    }

    @Test
    void emptyAnnotationIsALoadError() {
        LoadResult result = new ResourceLoader(SERVER).loadString("r.yaml", yaml("""
                  annotations:
                    switchboard.dev/subscriber-auth: " "
                """, "", ""), List.of());

        assertThat(result).isInstanceOf(LoadResult.Invalid.class);
        assertThat(result.diagnostics().toString()).contains("switchboard.dev/subscriber-auth");
    }

    private static ResourceSet load(String metadata, String subscriberExtra, String unused) {
        LoadResult result =
                new ResourceLoader(SERVER).loadString("r.yaml", yaml(metadata, subscriberExtra, unused), List.of());
        assertThat(result).as(result.diagnostics().toString()).isInstanceOf(LoadResult.Valid.class);
        return ((LoadResult.Valid) result).resources();
    }

    private static String yaml(String metadata, String subscriberExtra, String unused) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: default
                  namespace: team
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: t
                  namespace: team
                %s
                spec:
                  broker: default
                  subscriber:
                    uri: http://127.0.0.1:8081/
                %s
                  delivery:
                    deadLetterSink:
                      uri: http://127.0.0.1:8082/
                """.formatted(metadata.stripTrailing(), subscriberExtra.stripTrailing());
    }
}
