package dev.switchboard.broker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.delivery.InboundEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When full triggers detach from the shared reader and when the reader holds instead, with no Kafka. */
class ReaderHoldTest {
    private final Vertx vertx = Vertx.vertx();
    private final TriggerBacklogs backlogs = new TriggerBacklogs(new SimpleMeterRegistry(), Clock.systemUTC());
    private final ReaderHold hold = new ReaderHold();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void aLoneFullTriggerHoldsTheReaderUntilItDrainedToHalf() {
        HeldDeliveries delivery = new HeldDeliveries();
        CursorState busy = attached("busy", delivery);
        fill(busy);

        assertThat(hold.afterBatch(List.of(busy))).as("nothing detaches").isEmpty();
        assertThat(hold.holds(List.of(busy))).isTrue();

        await().until(() -> delivery.started().size() == 100);
        settle(delivery, 0, 100);
        await().until(() -> delivery.started().size() == 200);
        assertThat(hold.holds(List.of(busy)))
                .as("300 owed of 400: still holding")
                .isTrue();
        settle(delivery, 100, 200);
        await().until(() -> !hold.holds(List.of(busy)));
        assertThat(busy.attached()).isTrue();
    }

    @Test
    void aFullTriggerDetachesWhileAnotherAttachedTriggerHasRoom() {
        CursorState busy = attached("busy", new HeldDeliveries());
        CursorState idle = attached("idle", new HeldDeliveries());
        fill(busy);

        assertThat(hold.afterBatch(List.of(busy, idle))).containsExactly(busy);
        assertThat(hold.holds(List.of(busy, idle))).isFalse();
    }

    @Test
    void everyAttachedTriggerFullHoldsAndADetachedOneWithRoomDoesNotCount() {
        CursorState first = attached("first", new HeldDeliveries());
        CursorState second = attached("second", new HeldDeliveries());
        CursorState detached = attached("detached", new HeldDeliveries());
        detached.detach();
        fill(first);
        fill(second);

        List<CursorState> triggers = List.of(first, second, detached);
        assertThat(hold.afterBatch(triggers)).isEmpty();
        assertThat(hold.holds(triggers)).isTrue();
    }

    @Test
    void theHoldEndsWhenNoTriggerIsAttachedAnyMore() {
        CursorState busy = attached("busy", new HeldDeliveries());
        fill(busy);
        hold.afterBatch(List.of(busy));

        busy.detach();

        assertThat(hold.holds(List.of(busy))).isFalse();
    }

    @Test
    void nothingFullNeitherDetachesNorHolds() {
        CursorState one = attached("one", new HeldDeliveries());

        assertThat(hold.afterBatch(List.of(one))).isEmpty();
        assertThat(hold.holds(List.of(one))).isFalse();
        assertThat(hold.afterBatch(List.of())).isEmpty();
        assertThat(hold.holds(List.of())).isFalse();
    }

    private CursorState attached(String name, HeldDeliveries delivery) {
        CursorState state = CursorStates.onPartition0(vertx, delivery, backlogs, name);
        state.attach();
        return state;
    }

    /** Hands the trigger its whole read-ahead (400 events at max-in-flight 100), as one batch would. */
    private static void fill(CursorState state) {
        int readAhead = CursorState.readAhead(state.binding());
        for (long offset = 0; offset < readAhead; offset++) {
            state.handOut(
                    new InboundEvent(
                            CloudEventBuilder.v1()
                                    .withId("e" + offset)
                                    .withSource(URI.create("/test"))
                                    .withType("wanted")
                                    .build(),
                            CursorStates.TOPIC,
                            0,
                            offset,
                            0,
                            new HashMap<>()),
                    null);
        }
        state.flush();
        assertThat(state.full()).isTrue();
    }

    private static void settle(HeldDeliveries delivery, int from, int to) {
        for (int i = from; i < to; i++) {
            delivery.settle(i);
        }
    }
}
