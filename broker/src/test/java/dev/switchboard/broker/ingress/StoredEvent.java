package dev.switchboard.broker.ingress;

import java.util.Map;

/**
 * What a record in the broker topic must hold for one accepted event: its {@code ce_} headers (decoded
 * attribute values), the {@code content-type} header, the value bytes and the record key.
 */
record StoredEvent(String id, Map<String, String> attributes, String contentType, byte[] data, String key) {
    @Override
    public String toString() {
        return "StoredEvent[" + id + "]";
    }
}
