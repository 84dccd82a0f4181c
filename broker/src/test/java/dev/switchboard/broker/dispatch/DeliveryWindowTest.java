package dev.switchboard.broker.dispatch;

import static dev.switchboard.broker.dispatch.ResourceYaml.annotations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.delivery.InboundEvent;
import dev.switchboard.triggers.model.ResourceId;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The window between a cursor and the delivery stage, with a delivery the test settles by hand. */
class DeliveryWindowTest {
    private static final TopicPartition P0 = new TopicPartition("switchboard.w.b", 0);

    private final Vertx vertx = Vertx.vertx();
    private final HeldDeliveries delivery = new HeldDeliveries();
    private final OffsetTracker tracker = new OffsetTracker();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void keepsAtMostMaxInFlightDeliveriesStarted() {
        DeliveryWindow window = window(annotations("switchboard.dev/max-in-flight", "3"));

        window.offer(events(0, 10, i -> "k" + i));

        await().until(() -> delivery.started().size() == 3);
        delivery.settle(0);
        await().until(() -> delivery.started().size() == 4);
        assertThat(window.buffered()).isEqualTo(9);
    }

    @Test
    void settlingDeliveriesOutOfOrderCommitsContiguously() {
        DeliveryWindow window = window(Map.of());
        window.offer(events(0, 3, i -> "k" + i));
        await().until(() -> delivery.started().size() == 3);

        delivery.settle(2);
        delivery.settle(1);
        await().until(() -> window.buffered() == 1);
        assertThat(tracker.committable()).isEmpty();

        delivery.settle(0);
        await().until(() -> window.buffered() == 0);
        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 3L));
    }

    @Test
    void orderedDeliversOneEventPerKeyAtATimeWhileOtherKeysFlow() {
        DeliveryWindow window = window(annotations("kafka.eventing.knative.dev/delivery.order", "ordered"));

        window.offer(events(0, 6, i -> i % 3 == 2 ? "b" : "a"));

        await().until(() -> delivery.started().size() == 2);
        assertThat(delivery.startedOffsets()).containsExactly(0L, 2L);
        delivery.settle(0);
        await().until(() -> delivery.started().size() == 3);
        assertThat(delivery.startedOffsets()).containsExactly(0L, 2L, 1L);
        delivery.settle(1);
        await().until(() -> delivery.started().size() == 4);
        assertThat(delivery.startedOffsets()).containsExactly(0L, 2L, 1L, 5L);
        delivery.settle(2);
        await().until(() -> delivery.started().size() == 5);
        assertThat(delivery.startedOffsets()).containsExactly(0L, 2L, 1L, 5L, 3L);
    }

    @Test
    void pausedStartsNothingAndResumesWhereItStopped() {
        DeliveryWindow window = window(annotations("switchboard.dev/paused", "true"));
        window.offer(events(0, 4, i -> "k"));

        await().during(Duration.ofMillis(300)).until(() -> delivery.started().isEmpty());
        window.update(binding(Map.of()));

        await().until(() -> delivery.started().size() == 4);
    }

    @Test
    void abandonedDeliveryIsNotSettledAndIsTriedAgain() {
        DeliveryWindow window = window(Map.of());
        window.offer(events(0, 1, i -> "k"));
        await().until(() -> delivery.started().size() == 1);

        delivery.abandon(0);

        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.started().size() == 2);
        assertThat(tracker.committable()).isEmpty();
        delivery.settle(1);
        await().until(() -> tracker.committable().equals(Map.of(P0, 1L)));
    }

    @Test
    void stopDropsWhatWasNotStartedAndCompletesWhenInFlightEnd() {
        DeliveryWindow window = window(annotations("switchboard.dev/max-in-flight", "1"));
        window.offer(events(0, 5, i -> "k" + i));
        await().until(() -> delivery.started().size() == 1);

        Future<Void> stopped = window.stop();

        await().during(Duration.ofMillis(200)).until(() -> !stopped.isComplete());
        delivery.settle(0);
        await().until(stopped::isComplete);
        assertThat(window.buffered()).isZero();
        assertThat(delivery.started()).hasSize(1);
        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 1L));
    }

    private DeliveryWindow window(Map<String, String> annotations) {
        return new DeliveryWindow(vertx.getOrCreateContext(), delivery, binding(annotations), System::nanoTime);
    }

    private static TriggerBinding binding(Map<String, String> annotations) {
        return TriggerBindings.of(ResourceYaml.in("w")
                        .broker("b")
                        .trigger("t", "b", "http://127.0.0.1:1/", annotations, null)
                        .load())
                .get(new ResourceId("w", "t"));
    }

    private List<Pending> events(int from, int count, java.util.function.IntFunction<String> key) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> new Pending(
                        new InboundEvent(
                                CloudEventBuilder.v1()
                                        .withId("e" + i)
                                        .withSource(URI.create("/test"))
                                        .withType("t")
                                        .build(),
                                P0.topic(),
                                P0.partition(),
                                i,
                                0L,
                                Map.of()),
                        key.apply(i),
                        tracker.track(P0, i)))
                .toList();
    }
}
