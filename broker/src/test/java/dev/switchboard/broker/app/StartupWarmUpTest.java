package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The warm-up's events survive the Kafka mapping and every one reaches the loopback subscriber as a CloudEvent. */
class StartupWarmUpTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void eventsComeBackFromTheKafkaMappingWhole() {
        List<CloudEvent> events = StartupWarmUp.events(20);

        assertThat(events).hasSize(20);
        assertThat(events.get(7).getId()).isEqualTo("warm-up-7");
        assertThat(events.get(7).getExtension("partitionkey")).isEqualTo("k7");
        assertThat(events.get(7).getData().toBytes()).hasSize(1024);
    }

    @Test
    void everyEventIsDeliveredInBothModesAndReadAsAnEvent() throws Exception {
        // one in four goes in structured mode: 2xx only if the loopback subscriber read each as a CloudEvent
        int answered =
                new StartupWarmUp().exercise(vertx, StartupWarmUp.events(200)).await(30, TimeUnit.SECONDS);

        assertThat(answered).isEqualTo(200);
    }
}
