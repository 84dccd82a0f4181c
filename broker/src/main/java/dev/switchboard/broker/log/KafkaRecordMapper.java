package dev.switchboard.broker.log;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Maps an event to a Kafka record in CloudEvents Kafka binary content mode
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md#32-binary-content-mode):
 * {@code ce_} headers, data as the value, and the {@code partitionkey} extension as the key (§3.3, the
 * Partitioning extension).
 */
public final class KafkaRecordMapper {
    /** The Partitioning extension's attribute name. */
    public static final String PARTITION_KEY = "partitionkey";

    private KafkaRecordMapper() {}

    public static ProducerRecord<String, byte[]> toRecord(
            String topic, CloudEvent event, long timestampMillis, Map<String, String> transportHeaders) {
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(
                        topic, null, timestampMillis, partitionKey(event))
                .writeBinary(event);
        transportHeaders.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static String partitionKey(CloudEvent event) {
        Object key = event.getExtension(PARTITION_KEY);
        return key == null ? null : key.toString();
    }
}
