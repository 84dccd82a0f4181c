package dev.switchboard.broker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.testing.KafkaExtension;
import dev.switchboard.triggers.model.ResourceId;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/delivery.md "Scale": 1,000 triggers on one broker, one shared reader. Every trigger has its own type and its own
 * path on one real subscriber, so each path must receive exactly its trigger's events, once.
 */
@ExtendWith(KafkaExtension.class)
class ThousandTriggersIT {
    private static final int TRIGGERS = 1_000;
    private static final int EVENTS_PER_TRIGGER = 3;
    private static final Duration LONG = Duration.ofMinutes(2);

    @RegisterExtension
    final FreshDispatch dispatch = new FreshDispatch();

    private DispatchFixture fixture;
    private Subscriber subscriber;

    @BeforeEach
    void start() throws Exception {
        fixture = dispatch.fixture();
        subscriber = fixture.subscriber();
    }

    @Test
    void aThousandTriggersArePositionedWithinAMinuteAndEachGetsExactlyItsEvents() {
        long start = System.nanoTime();
        fixture.apply(triggers(0, TRIGGERS).load());
        long positionedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(fixture.dispatcher.dispatching()).hasSize(TRIGGERS);
        assertThat(positionedMillis).as("1,000 triggers positioned (ms)").isLessThan(60_000);
        Map<String, Set<String>> sent = sendRound("a", 0, TRIGGERS);

        await().atMost(LONG).until(() -> received().equals(sent));
        assertThat(subscriber.count()).as("each event once").isEqualTo(TRIGGERS * EVENTS_PER_TRIGGER);
    }

    @Test
    void addingAndRemovingATriggerWhileAThousandDeliverDisturbsNoneOfThem() {
        fixture.apply(triggers(0, TRIGGERS).load());
        Map<String, Set<String>> expected = sendRound("a", 0, TRIGGERS);
        await().atMost(LONG).until(() -> received().equals(expected));

        CompletableFuture<Map<String, Set<String>>> during =
                CompletableFuture.supplyAsync(() -> sendRound("b", 1, TRIGGERS));
        fixture.apply(triggers(1, TRIGGERS + 1).load());
        Map<String, Set<String>> sentDuring = during.join();
        Map<String, Set<String>> after = sendRound("c", 1, TRIGGERS + 1);

        sentDuring.forEach((path, ids) ->
                expected.computeIfAbsent(path, p -> new HashSet<>()).addAll(ids));
        after.forEach((path, ids) ->
                expected.computeIfAbsent(path, p -> new HashSet<>()).addAll(ids));
        String added = "/t" + TRIGGERS;
        await().atMost(LONG).until(() -> received().equals(expected));
        assertThat(fixture.dispatcher.dispatching())
                .hasSize(TRIGGERS)
                .doesNotContain(new ResourceId(fixture.namespace, "t0"));
        long unchangedDeliveries = subscriber.received().stream()
                .filter(r -> !r.path().equals(added) && !r.path().equals("/t0"))
                .count();
        long unchangedExpected = expected.entrySet().stream()
                .filter(e -> !e.getKey().equals(added) && !e.getKey().equals("/t0"))
                .mapToLong(e -> e.getValue().size())
                .sum();
        assertThat(unchangedDeliveries)
                .as("no event delivered twice to an unchanged trigger")
                .isEqualTo(unchangedExpected);
    }

    private ResourceYaml triggers(int from, int to) {
        ResourceYaml yaml = fixture.resources();
        for (int i = from; i < to; i++) {
            yaml.trigger("t" + i, "b", subscriber.uri() + "t" + i, Map.of(), "type-" + i);
        }
        return yaml;
    }

    /** Sends {@value #EVENTS_PER_TRIGGER} events of each type {@code from..to-1}; returns the ids by path. */
    private Map<String, Set<String>> sendRound(String round, int from, int to) {
        Map<String, Set<String>> sent = new HashMap<>();
        Map<String, String> types = new java.util.LinkedHashMap<>();
        for (int n = 0; n < EVENTS_PER_TRIGGER; n++) {
            for (int i = from; i < to; i++) {
                String id = round + n + "-t" + i;
                types.put(id, "type-" + i);
                sent.computeIfAbsent("/t" + i, path -> new HashSet<>()).add(id);
            }
        }
        fixture.send(types);
        return sent;
    }

    private Map<String, Set<String>> received() {
        return subscriber.received().stream()
                .collect(Collectors.groupingBy(
                        Subscriber.Received::path,
                        HashMap::new,
                        Collectors.mapping(Subscriber.Received::id, Collectors.toCollection(HashSet::new))));
    }
}
