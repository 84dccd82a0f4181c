package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.InboundEvent;
import dev.switchboard.broker.log.KafkaRecordReader;
import dev.switchboard.broker.log.UnreadableRecord;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One record of a broker topic decoded once, whatever the number of triggers it is offered to (docs/delivery.md "Scale"):
 * its CloudEvent, or none when the record is not one (logged at WARN once per partition, then at DEBUG), and the
 * {@link InboundEvent} the delivery stage takes, built on first use and shared by every trigger that matched.
 */
final class DecodedRecord implements CursorState.InboundEventSource {
    private static final Logger LOG = LoggerFactory.getLogger(DecodedRecord.class);
    private static final List<String> TRANSPORT_HEADERS = List.of("traceparent", "tracestate");
    private static final Set<TopicPartition> REPORTED = ConcurrentHashMap.newKeySet();

    private final ConsumerRecord<String, byte[]> record;
    private final CloudEvent event;
    private final Optional<UnreadableRecord> unreadable;
    private InboundEvent inbound;

    private DecodedRecord(
            ConsumerRecord<String, byte[]> record, CloudEvent event, Optional<UnreadableRecord> unreadable) {
        this.record = record;
        this.event = event;
        this.unreadable = unreadable;
    }

    static DecodedRecord decode(ConsumerRecord<String, byte[]> record) {
        try {
            return new DecodedRecord(record, KafkaRecordReader.toEvent(record), Optional.empty());
        } catch (RuntimeException e) {
            UnreadableRecord reason = UnreadableRecord.of(e);
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (REPORTED.add(partition)) {
                LOG.warn(
                        "{}@{} is not a CloudEvent and is skipped ({}: {}); later ones of this partition are logged at"
                                + " DEBUG and counted in switchboard_records_skipped_total",
                        partition,
                        record.offset(),
                        reason.wireName(),
                        e.toString());
            } else {
                LOG.debug(
                        "{}@{} is not a CloudEvent and is skipped ({}: {})",
                        partition,
                        record.offset(),
                        reason.wireName(),
                        e.toString());
            }
            return new DecodedRecord(record, null, Optional.of(reason));
        }
    }

    /** Why the record is not a CloudEvent; empty when it is one. */
    Optional<UnreadableRecord> unreadable() {
        return unreadable;
    }

    /** The event, or null when the record is not a CloudEvent (it matches no trigger). */
    CloudEvent event() {
        return event;
    }

    @Override
    public int partition() {
        return record.partition();
    }

    @Override
    public long offset() {
        return record.offset();
    }

    @Override
    public String key() {
        return record.key();
    }

    @Override
    public InboundEvent get() {
        if (inbound == null) {
            inbound = new InboundEvent(
                    event,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.timestamp(),
                    transportHeaders(record));
        }
        return inbound;
    }

    long timestamp() {
        return record.timestamp();
    }

    /** The W3C trace context stored beside the event at ingress, passed on to the subscriber. */
    static Map<String, String> transportHeaders(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>(2);
        for (String name : TRANSPORT_HEADERS) {
            Header header = record.headers().lastHeader(name);
            if (header != null && header.value() != null) {
                headers.put(name, new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
