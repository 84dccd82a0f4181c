package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.InboundEvent;
import dev.switchboard.broker.delivery.ParkedEventHeaders;
import dev.switchboard.broker.log.KafkaRecordReader;
import dev.switchboard.broker.telemetry.LogFields;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.StartFrom;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code redrive} (docs/cli.md, docs/delivery.md "Dead-letter"): sends a trigger's events parked in its broker's {@code .dlq} topic
 * back to its subscriber, and marks them done. It is one more driver of the trigger's cursor state
 * (docs/architecture.md principle 4): the parked events go through the trigger's own {@link DeliveryWindow}, so a redrive obeys the
 * trigger's max-in-flight, rate limit, ordering and pause exactly like live delivery, and shares them with it.
 *
 * <p>Progress is the consumer group {@code switchboard.{ns}.{broker}.{trigger}.redrive} on the {@code .dlq}
 * topic, committed contiguously like a cursor's: a redrive covers the records parked before it started (up to
 * the end offsets it saw), selects the trigger's own by the {@link ParkedEventHeaders#TRIGGER} header, strips
 * the {@code knativeerror*} extensions the dead-lettering added, and commits past each record once it settled
 * (delivered, or dead-lettered again — then parked anew, after the covered range). Other triggers' records are
 * passed over. A first pass counts the events (the API's answer), a second hands them to the window, holding
 * back while the window is at its read-ahead limit, on the redrive's own thread.
 */
final class DeadLetterRedrive {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRedrive.class);
    private static final Set<String> DEAD_LETTER_EXTENSIONS =
            Set.of("knativeerrordest", "knativeerrorcode", "knativeerrordata");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long SETTLE_WAIT_MINUTES = 60;
    private static final Duration WAIT_STEP = Duration.ofMillis(20);

    private final CursorSettings settings;
    private final StartPositions positions;
    private final Map<ResourceId, Future<Integer>> active = new ConcurrentHashMap<>();

    DeadLetterRedrive(CursorSettings settings, StartPositions positions) {
        this.settings = settings;
        this.positions = positions;
    }

    /**
     * Starts redriving; completes with the number of parked events of the trigger being sent back. While a
     * redrive of the trigger runs, asking again answers the running one's count instead of sending twice.
     */
    Future<Integer> start(TriggerBinding binding, DeliveryWindow window) {
        Promise<Integer> counted = Promise.promise();
        Future<Integer> running = active.putIfAbsent(binding.id(), counted.future());
        if (running != null) {
            return running;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        run(binding, window, counted);
                    } finally {
                        active.remove(binding.id());
                    }
                },
                "switchboard-redrive-" + binding.id());
        thread.setDaemon(true);
        thread.start();
        return counted.future();
    }

    static String groupId(TriggerBinding binding) {
        return binding.groupId() + ".redrive";
    }

    private void run(TriggerBinding binding, DeliveryWindow window, Promise<Integer> counted) {
        String topic = binding.target().deadLetterTopic();
        String group = groupId(binding);
        try {
            positions.ensure(group, topic, new StartFrom.Earliest());
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(group))) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
                consumer.assign(partitions);
                Map<TopicPartition, Long> start = startOffsets(consumer, partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                int count = scan(consumer, binding, start, end, null, null);
                counted.complete(count);
                LOG.atInfo()
                        .addKeyValue(LogFields.TRIGGER, binding.id())
                        .log("redriving {} parked event(s) of trigger {} from {}", count, binding.id(), topic);
                OffsetTracker tracker = new OffsetTracker();
                scan(consumer, binding, start, end, window, tracker);
                commit(consumer, tracker);
                LOG.atInfo()
                        .addKeyValue(LogFields.TRIGGER, binding.id())
                        .log("redrive of trigger {} done", binding.id());
            }
        } catch (RuntimeException e) {
            LOG.atError()
                    .addKeyValue(LogFields.TRIGGER, binding.id())
                    .setCause(e)
                    .log("redrive of trigger {} failed", binding.id());
            counted.tryFail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            counted.tryFail(e);
        }
    }

    /**
     * Reads {@code start..end} of every partition; counts the trigger's records, or hands them to the trigger's
     * window (whose read-ahead it waits on, like any driver) and waits until every one of them settled.
     */
    private int scan(
            KafkaConsumer<String, byte[]> consumer,
            TriggerBinding binding,
            Map<TopicPartition, Long> start,
            Map<TopicPartition, Long> end,
            DeliveryWindow window,
            OffsetTracker tracker)
            throws InterruptedException {
        start.forEach(consumer::seek);
        String trigger = binding.id().toString();
        int readAhead = CursorState.readAhead(binding);
        int count = 0;
        while (!reached(consumer, end)) {
            List<Pending> owed = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= end.get(partition)) {
                    continue;
                }
                boolean ours = trigger.equals(header(record, ParkedEventHeaders.TRIGGER));
                if (window == null) {
                    count += ours ? 1 : 0;
                    continue;
                }
                OffsetTracker.Ticket ticket = tracker.track(partition, record.offset());
                if (!ours) {
                    ticket.settle();
                    continue;
                }
                count++;
                Pending pending = parked(binding, record, ticket);
                if (pending != null) {
                    owed.add(pending);
                }
            }
            if (window != null) {
                window.offer(owed);
                commit(consumer, tracker);
                while (window.buffered() >= readAhead) {
                    // assigned, not subscribed: no group membership to keep alive while the window drains
                    LockSupport.parkNanos(WAIT_STEP.toNanos());
                }
            }
        }
        if (window != null) {
            awaitSettled(consumer, binding, window, tracker);
        }
        return count;
    }

    /**
     * Waits until every redriven event settled, committing as they do; gives up when the window dropped them
     * (the trigger stopped) or after {@value #SETTLE_WAIT_MINUTES} minutes: what is not settled stays parked.
     */
    private void awaitSettled(
            KafkaConsumer<String, byte[]> consumer,
            TriggerBinding binding,
            DeliveryWindow window,
            OffsetTracker tracker) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(SETTLE_WAIT_MINUTES);
        while (tracker.unsettled() > 0 && window.buffered() > 0 && System.nanoTime() < deadline) {
            commit(consumer, tracker);
            LockSupport.parkNanos(WAIT_STEP.toNanos());
        }
        if (tracker.unsettled() > 0) {
            LOG.atWarn()
                    .addKeyValue(LogFields.TRIGGER, binding.id())
                    .log("redrive of {}: {} event(s) not settled; they stay parked", binding.id(), tracker.unsettled());
        }
    }

    /** The parked record as the trigger's event again (its dead-letter extensions removed), or null when not one. */
    private static Pending parked(
            TriggerBinding binding, ConsumerRecord<String, byte[]> record, OffsetTracker.Ticket ticket) {
        CloudEvent parked;
        try {
            parked = KafkaRecordReader.toEvent(record);
        } catch (RuntimeException e) {
            LOG.atWarn()
                    .addKeyValue(LogFields.TRIGGER, binding.id())
                    .log("redrive of {}: {} is not a CloudEvent, passed over: {}", binding.id(), ticket, e.toString());
            ticket.settle();
            return null;
        }
        CloudEventBuilder original = CloudEventBuilder.from(parked);
        DEAD_LETTER_EXTENSIONS.forEach(original::withoutExtension);
        InboundEvent event = new InboundEvent(
                original.build(),
                headerOr(record, ParkedEventHeaders.ORIGIN_TOPIC, record.topic()),
                Integer.parseInt(headerOr(record, ParkedEventHeaders.ORIGIN_PARTITION, "" + record.partition())),
                Long.parseLong(headerOr(record, ParkedEventHeaders.ORIGIN_OFFSET, "" + record.offset())),
                record.timestamp(),
                DecodedRecord.transportHeaders(record));
        return new Pending(event, record.key(), ticket);
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static Map<TopicPartition, Long> startOffsets(
            KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> start = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            start.put(partition, Math.max(beginning.get(partition), offset == null ? 0 : offset.offset()));
        }
        return start;
    }

    private static void commit(KafkaConsumer<String, byte[]> consumer, OffsetTracker tracker) {
        Map<TopicPartition, Long> offsets = tracker.committable();
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))));
            tracker.committed(offsets);
        }
    }

    private Map<String, Object> consumerProps(String group) {
        Map<String, Object> props =
                CursorConsumerSettings.of(settings.bootstrapServers(), settings.consumerOverrides(), group, "unused");
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + settings.instanceId());
        return props;
    }

    private static String headerOr(ConsumerRecord<String, byte[]> record, String name, String fallback) {
        String value = header(record, name);
        return value == null ? fallback : value;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
