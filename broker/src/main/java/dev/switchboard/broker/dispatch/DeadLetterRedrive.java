package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.EventDelivery;
import dev.switchboard.broker.delivery.InboundEvent;
import dev.switchboard.broker.delivery.ParkedEventHeaders;
import dev.switchboard.broker.log.KafkaRecordReader;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.StartFrom;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * {@code redrive} (SPEC §2, §5 "Dead-letter"): sends a trigger's events parked in its broker's {@code .dlq} topic
 * back to its subscriber through the delivery stage, and marks them done.
 *
 * <p>Progress is the consumer group {@code switchboard.{ns}.{broker}.{trigger}.redrive} on the {@code .dlq}
 * topic, committed contiguously like a cursor's: a redrive covers the records parked before it started (up to
 * the end offsets it saw), selects the trigger's own by the {@link ParkedEventHeaders#TRIGGER} header, strips
 * the {@code knativeerror*} extensions the dead-lettering added, and commits past each record once it settled
 * (delivered, or dead-lettered again — then parked anew, after the covered range). Other triggers' records are
 * passed over. A first pass counts the events (the API's answer), a second delivers them, at most
 * {@code max-in-flight} at a time, on the redrive's own thread.
 */
final class DeadLetterRedrive {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRedrive.class);
    private static final Set<String> DEAD_LETTER_EXTENSIONS =
            Set.of("knativeerrordest", "knativeerrorcode", "knativeerrordata");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long SETTLE_WAIT_MINUTES = 60;

    private final CursorSettings settings;
    private final StartPositions positions;
    private final EventDelivery delivery;
    private final Map<ResourceId, Future<Integer>> active = new ConcurrentHashMap<>();

    DeadLetterRedrive(CursorSettings settings, StartPositions positions, EventDelivery delivery) {
        this.settings = settings;
        this.positions = positions;
        this.delivery = delivery;
    }

    /**
     * Starts redriving; completes with the number of parked events of the trigger being sent back. While a
     * redrive of the trigger runs, asking again answers the running one's count instead of sending twice.
     */
    Future<Integer> start(TriggerBinding binding) {
        Promise<Integer> counted = Promise.promise();
        Future<Integer> running = active.putIfAbsent(binding.id(), counted.future());
        if (running != null) {
            return running;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        run(binding, counted);
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

    private void run(TriggerBinding binding, Promise<Integer> counted) {
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
                int count = scan(consumer, binding, start, end, false, null);
                counted.complete(count);
                LOG.info("redriving {} parked event(s) of trigger {} from {}", count, binding.id(), topic);
                OffsetTracker tracker = new OffsetTracker();
                scan(consumer, binding, start, end, true, tracker);
                commit(consumer, tracker);
                LOG.info("redrive of trigger {} done", binding.id());
            }
        } catch (RuntimeException e) {
            LOG.error("redrive of trigger {} failed", binding.id(), e);
            counted.tryFail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            counted.tryFail(e);
        }
    }

    /** Reads {@code start..end} of every partition; counts the trigger's records, or delivers them. */
    private int scan(
            KafkaConsumer<String, byte[]> consumer,
            TriggerBinding binding,
            Map<TopicPartition, Long> start,
            Map<TopicPartition, Long> end,
            boolean deliver,
            OffsetTracker tracker)
            throws InterruptedException {
        start.forEach(consumer::seek);
        String trigger = binding.id().toString();
        int maxInFlight = binding.options().maxInFlight();
        Semaphore window = new Semaphore(maxInFlight);
        int count = 0;
        while (!reached(consumer, end)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= end.get(partition)) {
                    continue;
                }
                boolean ours = trigger.equals(header(record, ParkedEventHeaders.TRIGGER));
                if (!deliver) {
                    count += ours ? 1 : 0;
                    continue;
                }
                OffsetTracker.Ticket ticket = tracker.track(partition, record.offset());
                if (!ours) {
                    ticket.settle();
                    continue;
                }
                count++;
                window.acquire();
                redeliver(binding, record, ticket).onComplete(settled -> window.release());
            }
            if (deliver) {
                commit(consumer, tracker);
            }
        }
        if (deliver && !window.tryAcquire(maxInFlight, SETTLE_WAIT_MINUTES, TimeUnit.MINUTES)) {
            LOG.warn("redrive of {}: deliveries still in flight; their records stay parked", binding.id());
        }
        return count;
    }

    private Future<Void> redeliver(
            TriggerBinding binding, ConsumerRecord<String, byte[]> record, OffsetTracker.Ticket ticket) {
        CloudEvent parked;
        try {
            parked = KafkaRecordReader.toEvent(record);
        } catch (RuntimeException e) {
            LOG.warn("redrive of {}: {} is not a CloudEvent, passed over: {}", binding.id(), ticket, e.toString());
            ticket.settle();
            return Future.succeededFuture();
        }
        CloudEventBuilder original = CloudEventBuilder.from(parked);
        DEAD_LETTER_EXTENSIONS.forEach(original::withoutExtension);
        InboundEvent event = new InboundEvent(
                original.build(),
                headerOr(record, ParkedEventHeaders.ORIGIN_TOPIC, record.topic()),
                Integer.parseInt(headerOr(record, ParkedEventHeaders.ORIGIN_PARTITION, "" + record.partition())),
                Long.parseLong(headerOr(record, ParkedEventHeaders.ORIGIN_OFFSET, "" + record.offset())),
                record.timestamp(),
                traceHeaders(record));
        return delivery.deliver(binding.target(), event)
                .onSuccess(settled -> ticket.settle())
                .onFailure(e -> LOG.warn("redrive of {}: {} abandoned: {}", binding.id(), ticket, e.toString()))
                .mapEmpty();
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

    private static Map<String, String> traceHeaders(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (String name : List.of("traceparent", "tracestate")) {
            String value = header(record, name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
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
