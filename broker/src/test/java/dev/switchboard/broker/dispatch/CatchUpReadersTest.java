package dev.switchboard.broker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.log.KafkaRecordMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How detached triggers read on their own consumers, against Kafka's {@link MockConsumer}. */
class CatchUpReadersTest {
    private static final int RECORDS = 1000;

    private final Vertx vertx = Vertx.vertx();
    private final TriggerBacklogs backlogs = new TriggerBacklogs(new SimpleMeterRegistry(), Clock.systemUTC());
    private final List<MockConsumer<String, byte[]>> consumers = new ArrayList<>();
    private final List<Long> seeks = new ArrayList<>();
    private final CatchUpReaders readers =
            new CatchUpReaders(1, CursorStates.TOPIC, this::newConsumer, System::nanoTime);

    @AfterEach
    void close() {
        readers.close();
        vertx.close().await();
    }

    @Test
    void aLoneFullTriggerKeepsItsConsumerAndTakesTheRecordsItFetchedOnceItDrained() {
        HeldDeliveries delivery = new HeldDeliveries();
        CursorState busy = CursorStates.onPartition0(vertx, delivery, backlogs, "busy");
        readers.add(busy);
        List<CursorState> reached = new ArrayList<>();

        readers.step(List.of(0), partition -> RECORDS, System.nanoTime(), reached::add);
        int readAhead = CursorState.readAhead(busy.binding());
        assertThat(busy.full())
                .as("the first poll fetched all %d, the trigger took %d", RECORDS, readAhead)
                .isTrue();
        assertThat(readers.reading())
                .as("full: the shared reader need not poll briefly for it")
                .isFalse();

        int settled = 0;
        while (settled < RECORDS) {
            int before = settled;
            await().until(() -> delivery.started().size() > before);
            settled = delivery.started().size();
            for (int i = before; i < settled; i++) {
                delivery.settle(i);
            }
            readers.step(List.of(0), partition -> RECORDS, System.nanoTime(), reached::add);
        }

        assertThat(consumers).as("one consumer").hasSize(1);
        assertThat(seeks)
                .as("seeked once, when the catch-up began: never given back and fetched again")
                .containsExactly(0L);
        assertThat(reached).as("caught up with the shared reader").containsExactly(busy);
        assertThat(delivery.startedOffsets())
                .as("every record once, in order")
                .containsExactlyElementsOf(LongStream.range(0, RECORDS).boxed().toList());
    }

    @Test
    void aFullTriggerGivesItsSlotToAWaitingOneAndLaterReadsOnFromItsOwnPosition() {
        HeldDeliveries busyDelivery = new HeldDeliveries();
        CursorState busy = CursorStates.onPartition0(vertx, busyDelivery, backlogs, "busy");
        CursorState other = CursorStates.onPartition0(vertx, new HeldDeliveries(), backlogs, "other");
        readers.add(busy);
        readers.add(other);

        readers.step(List.of(0), partition -> RECORDS, System.nanoTime(), ignored -> {});
        assertThat(busy.full()).isTrue();
        readers.step(List.of(0), partition -> RECORDS, System.nanoTime(), ignored -> {});
        await().until(() -> other.full());

        assertThat(busy.next(0))
                .as("what busy had fetched but not taken was dropped with its slot")
                .isEqualTo(CursorState.readAhead(busy.binding()));
        assertThat(consumers).as("the one slot's consumer, reused").hasSize(1);
        assertThat(seeks).as("busy at 0, then other at 0").containsExactly(0L, 0L);
    }

    /** A consumer each poll of which returns every record of partition 0 from its position on. */
    private MockConsumer<String, byte[]> newConsumer() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("none") {
            @Override
            public synchronized void seek(TopicPartition partition, long offset) {
                seeks.add(offset);
                super.seek(partition, offset);
            }
        };
        feedEachPoll(consumer);
        consumers.add(consumer);
        return consumer;
    }

    private static void feedEachPoll(MockConsumer<String, byte[]> consumer) {
        consumer.schedulePollTask(() -> {
            TopicPartition partition = new TopicPartition(CursorStates.TOPIC, 0);
            if (consumer.assignment().contains(partition)) {
                for (long offset = consumer.position(partition); offset < RECORDS; offset++) {
                    consumer.addRecord(record(offset));
                }
            }
            feedEachPoll(consumer);
        });
    }

    private static ConsumerRecord<String, byte[]> record(long offset) {
        ProducerRecord<String, byte[]> produced = KafkaRecordMapper.toRecord(
                CursorStates.TOPIC,
                CloudEventBuilder.v1()
                        .withId("e" + offset)
                        .withSource(URI.create("/test"))
                        .withType("wanted")
                        .build(),
                0,
                Map.of());
        return new ConsumerRecord<>(
                CursorStates.TOPIC,
                0,
                offset,
                0,
                TimestampType.CREATE_TIME,
                -1,
                -1,
                produced.key(),
                produced.value(),
                produced.headers(),
                Optional.empty());
    }
}
