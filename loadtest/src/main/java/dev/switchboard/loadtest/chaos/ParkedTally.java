package dev.switchboard.loadtest.chaos;

import dev.switchboard.broker.delivery.ParkedEventHeaders;
import dev.switchboard.broker.log.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the broker's dead-letter topic ({@code switchboard.default.default.dlq}, docs/delivery.md "Dead letters")
 * from its start, on its own thread, without a group: the ids parked per trigger ({@code switchboard-trigger}
 * header, {@code ce_id} header).
 */
final class ParkedTally implements AutoCloseable {
    private static final String ID_HEADER = "ce_id";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Set<String>> idsByTrigger = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private ParkedTally(String bootstrap) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::read, "chaos-parked-tally");
    }

    /** Starts reading the topic (which Switchboard provisions at start). */
    static ParkedTally start(String bootstrap) {
        ParkedTally tally = new ParkedTally(bootstrap);
        tally.thread.setDaemon(true);
        tally.thread.start();
        return tally;
    }

    /** The ids parked for trigger {@code name} of namespace default so far. */
    Set<String> parked(String name) {
        return idsByTrigger.getOrDefault("default/" + name, Set.of());
    }

    private void read() {
        String topic = TopicNames.deadLetters("default", "default");
        try {
            List<TopicPartition> partitions = List.of();
            while (running.get() && partitions.isEmpty()) {
                try {
                    partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                            .map(info -> new TopicPartition(topic, info.partition()))
                            .toList();
                } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                    // the topic is provisioned by Switchboard; ask again
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String trigger = header(record, ParkedEventHeaders.TRIGGER);
                    String id = header(record, ID_HEADER);
                    if (trigger != null && id != null) {
                        idsByTrigger
                                .computeIfAbsent(trigger, t -> ConcurrentHashMap.newKeySet())
                                .add(id);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } finally {
            consumer.close();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(10_000);
    }
}
