package dev.switchboard.broker.log;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Reads an event back from a Kafka record with the CloudEvents SDK, in binary or structured content mode
 * (Kafka binding §3.1/§3.2): what any CloudEvents consumer of a broker topic sees.
 */
public final class KafkaRecordReader {
    private KafkaRecordReader() {}

    /** @throws CloudEventRWException when the record is not a CloudEvent */
    public static CloudEvent toEvent(Headers headers, byte[] value) {
        return KafkaMessageFactory.createReader(headers, value).toEvent();
    }

    /** @throws CloudEventRWException when the record is not a CloudEvent */
    public static CloudEvent toEvent(ConsumerRecord<?, byte[]> record) {
        return toEvent(record.headers(), record.value());
    }
}
