package dev.switchboard.loadtest.baseline;

import dev.switchboard.loadtest.load.LoadEvent;
import dev.switchboard.loadtest.measure.ReceiptBook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A plain Kafka consumer on its own thread reading every partition of a topic (from the beginning or from
 * now), counting the events whose id starts with a run's prefix into a {@link ReceiptBook}, with latency
 * from the event's {@code ce_loadtestsent} header to the moment it was polled. It is both the raw-consumer
 * baseline and the check that what the ledger says was accepted is in the topic.
 */
public final class TopicTally implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration POSITION_TIMEOUT = Duration.ofSeconds(30);
    private static final String ID_HEADER = "ce_id";
    private static final String SENT_HEADER = "ce_" + LoadEvent.SENT_EXTENSION;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AtomicLong read = new AtomicLong();
    private final String topic;
    private final String idPrefix;
    private final AtomicReference<ReceiptBook> book;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final boolean fromBeginning;
    private final CompletableFuture<Void> positioned = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;

    private TopicTally(
            String bootstrapServers,
            String topic,
            String idPrefix,
            boolean fromBeginning,
            Clock clock,
            LongSupplier nanoTime) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "switchboard-loadtest-tally",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                4 * 1024 * 1024));
        this.topic = topic;
        this.idPrefix = idPrefix;
        this.fromBeginning = fromBeginning;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.book = new AtomicReference<>(new ReceiptBook(nanoTime));
        this.thread = new Thread(this::loop, "loadtest-tally-" + topic);
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading {@code topic} from its beginning or from its current end, counting ids starting with
     * {@code idPrefix}; returns once every partition is positioned.
     */
    public static TopicTally start(
            String bootstrapServers,
            String topic,
            String idPrefix,
            boolean fromBeginning,
            Clock clock,
            LongSupplier nanoTime)
            throws InterruptedException {
        TopicTally tally = new TopicTally(bootstrapServers, topic, idPrefix, fromBeginning, clock, nanoTime);
        tally.thread.start();
        try {
            tally.positioned.get(POSITION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            tally.close();
            throw new IllegalStateException("could not position a consumer on " + topic, e);
        }
        return tally;
    }

    private void loop() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, POSITION_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            partitions.forEach(consumer::position);
            positioned.complete(null);
            long lastSample = nanoTime.getAsLong();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    count(record);
                    read.incrementAndGet();
                }
                long now = nanoTime.getAsLong();
                if (now - lastSample >= 1_000_000_000L) {
                    book.get().sample();
                    lastSample = now;
                }
            }
        } catch (WakeupException e) {
            positioned.completeExceptionally(e);
        } catch (RuntimeException e) {
            positioned.completeExceptionally(e);
        } finally {
            book.get().sample();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void count(ConsumerRecord<byte[], byte[]> record) {
        String id = header(record, ID_HEADER);
        if (id == null || !id.startsWith(idPrefix)) {
            return;
        }
        String sent = header(record, SENT_HEADER);
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        long latency;
        try {
            latency = sent == null ? 0 : nowMicros - Long.parseLong(sent);
        } catch (NumberFormatException e) {
            latency = 0;
        }
        book.get().received(topic, id, latency);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Records read so far, of any id: progress through the topic even while it holds none of the awaited ones. */
    public long recordsRead() {
        return read.get();
    }

    public ReceiptBook book() {
        return book.get();
    }

    /**
     * Starts counting in a fresh book (its intervals count from now) and returns it: a consumer started
     * before a warm-up is warm, and its measured book starts with the measured load.
     */
    public ReceiptBook newBook() {
        ReceiptBook fresh = new ReceiptBook(nanoTime);
        book.set(fresh);
        return fresh;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
