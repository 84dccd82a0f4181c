package dev.switchboard.broker.ingress;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The docs/ingress.md table: every accepted shape and every rejection, with what Kafka must then hold. */
final class IngressCases {
    private static final String STRUCTURED = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch+json";

    private IngressCases() {}

    static List<IngressCase> all() {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < allBytes.length; i++) {
            allBytes[i] = (byte) i;
        }
        return List.of(
                // accepted, binary mode
                IngressCase.named("binary event with JSON data")
                        .binary("b-json")
                        .header("Content-Type", "application/json")
                        .body("{\"n\": 1, \"text\": \"as sent\"}")
                        .stores(stored(
                                "b-json", Map.of(), "application/json", "{\"n\": 1, \"text\": \"as sent\"}", null))
                        .answers(202),
                IngressCase.named("binary event with percent-encoded values")
                        .binary("b-pct")
                        .header("ce-subject", "hello%20w%C3%B6rld%20%25%22")
                        .header("ce-tenant", "acme%2Fwest")
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .body("plain text")
                        .stores(stored(
                                "b-pct",
                                Map.of("subject", "hello wörld %\"", "tenant", "acme/west"),
                                "text/plain; charset=utf-8",
                                "plain text",
                                null))
                        .answers(202),
                IngressCase.named("binary event without data")
                        .binary("b-empty")
                        .stores(new StoredEvent("b-empty", required("b-empty"), null, null, null))
                        .answers(202),
                IngressCase.named("binary event with every byte value as data")
                        .binary("b-bytes")
                        .header("Content-Type", "application/octet-stream")
                        .body(allBytes)
                        .stores(new StoredEvent(
                                "b-bytes", required("b-bytes"), "application/octet-stream", allBytes, null))
                        .answers(202),
                IngressCase.named("binary event with partitionkey becomes the record key")
                        .binary("b-key")
                        .header("ce-partitionkey", "customer-42")
                        .stores(new StoredEvent(
                                "b-key",
                                with(required("b-key"), Map.of("partitionkey", "customer-42")),
                                null,
                                null,
                                "customer-42"))
                        .answers(202),
                IngressCase.named("binary event with time and dataschema")
                        .binary("b-time")
                        .header("ce-time", "2026-11-24T10:00:00.5+01:00")
                        .header("ce-dataschema", "https://schemas.example.com/order.json")
                        .stores(new StoredEvent(
                                "b-time",
                                with(
                                        required("b-time"),
                                        Map.of(
                                                "time", "2026-11-24T10:00:00.5+01:00",
                                                "dataschema", "https://schemas.example.com/order.json")),
                                null,
                                null,
                                null))
                        .answers(202),
                IngressCase.named("binary event with upper-case header names")
                        .header("CE-SpecVersion", "1.0")
                        .header("CE-ID", "b-upper")
                        .header("Ce-Source", "/orders/service")
                        .header("CE-TYPE", "com.example.order.created")
                        .stores(new StoredEvent("b-upper", required("b-upper"), null, null, null))
                        .answers(202),
                IngressCase.named("binary event streamed without Content-Length")
                        .binary("b-chunked")
                        .header("Content-Type", "application/json")
                        .body("{\"streamed\":true}")
                        .chunked()
                        .stores(stored("b-chunked", Map.of(), "application/json", "{\"streamed\":true}", null))
                        .answers(202),
                // accepted, structured and batch
                IngressCase.named("structured event with JSON data and extensions")
                        .header("Content-Type", STRUCTURED)
                        .body("{\"specversion\":\"1.0\",\"id\":\"s-json\",\"source\":\"/orders/service\","
                                + "\"type\":\"com.example.order.created\",\"datacontenttype\":\"application/json\","
                                + "\"data\":{\"a\":[1,2]},\"count\":7,\"flag\":true,\"tenant\":\"acme\"}")
                        .stores(stored(
                                "s-json",
                                Map.of(
                                        "datacontenttype",
                                        "application/json",
                                        "count",
                                        "7",
                                        "flag",
                                        "true",
                                        "tenant",
                                        "acme"),
                                "application/json",
                                "{\"a\":[1,2]}",
                                null))
                        .answers(202),
                IngressCase.named("structured event with data_base64")
                        .header("Content-Type", STRUCTURED + "; charset=utf-8")
                        .body("{\"specversion\":\"1.0\",\"id\":\"s-b64\",\"source\":\"/orders/service\","
                                + "\"type\":\"com.example.order.created\",\"datacontenttype\":\"image/png\","
                                + "\"data_base64\":\"AAEC/w==\"}")
                        .stores(new StoredEvent(
                                "s-b64", required("s-b64"), "image/png", new byte[] {0, 1, 2, (byte) 255}, null))
                        .answers(202),
                IngressCase.named("batch of two events")
                        .header("Content-Type", BATCH)
                        .body("[{\"specversion\":\"1.0\",\"id\":\"batch-1\",\"source\":\"/orders/service\","
                                + "\"type\":\"com.example.order.created\"},"
                                + "{\"specversion\":\"1.0\",\"id\":\"batch-2\",\"source\":\"/orders/service\","
                                + "\"type\":\"com.example.order.created\",\"data_base64\":\"AA==\"}]")
                        .stores(new StoredEvent("batch-1", required("batch-1"), null, null, null))
                        .stores(new StoredEvent("batch-2", required("batch-2"), null, new byte[] {0}, null))
                        .answers(202),
                // rejected with 400 and the attribute at fault
                IngressCase.named("no ce- headers at all")
                        .header("Content-Type", "application/json")
                        .body("{}")
                        .answers(400, "specversion"),
                IngressCase.named("missing id")
                        .header("ce-specversion", "1.0")
                        .header("ce-source", "/s")
                        .header("ce-type", "t")
                        .answers(400, "id"),
                IngressCase.named("missing source")
                        .header("ce-specversion", "1.0")
                        .header("ce-id", "x1")
                        .header("ce-type", "t")
                        .answers(400, "source"),
                IngressCase.named("missing type")
                        .header("ce-specversion", "1.0")
                        .header("ce-id", "x2")
                        .header("ce-source", "/s")
                        .answers(400, "type"),
                IngressCase.named("missing specversion")
                        .header("ce-id", "x3")
                        .header("ce-source", "/s")
                        .header("ce-type", "t")
                        .answers(400, "specversion"),
                IngressCase.named("empty id").binary("").answers(400, "id"),
                IngressCase.named("specversion 0.3")
                        .header("ce-specversion", "0.3")
                        .header("ce-id", "x4")
                        .header("ce-source", "/s")
                        .header("ce-type", "t")
                        .answers(400, "specversion"),
                IngressCase.named("attribute name with underscore")
                        .binary("x5")
                        .header("ce-bad_name", "v")
                        .answers(400, "bad_name"),
                IngressCase.named("bad time")
                        .binary("x6")
                        .header("ce-time", "yesterday")
                        .answers(400, "time"),
                IngressCase.named("undecodable percent-encoding")
                        .binary("x7")
                        .header("ce-note", "100%")
                        .answers(400, "note"),
                IngressCase.named("percent-encoding of invalid UTF-8")
                        .binary("x8")
                        .header("ce-note", "%C3%28")
                        .answers(400, "note"),
                IngressCase.named("structured with data and data_base64")
                        .header("Content-Type", STRUCTURED)
                        .body("{\"specversion\":\"1.0\",\"id\":\"x9\",\"source\":\"/s\",\"type\":\"t\","
                                + "\"data\":1,\"data_base64\":\"AA==\"}")
                        .answers(400, "data_base64"),
                IngressCase.named("structured with numeric time")
                        .header("Content-Type", STRUCTURED)
                        .body("{\"specversion\":\"1.0\",\"id\":\"x10\",\"source\":\"/s\",\"type\":\"t\",\"time\":5}")
                        .answers(400, "time"),
                IngressCase.named("malformed JSON")
                        .header("Content-Type", STRUCTURED)
                        .body("{\"specversion\":")
                        .answers(400),
                IngressCase.named("batch with one bad event stores nothing")
                        .header("Content-Type", BATCH)
                        .body("[{\"specversion\":\"1.0\",\"id\":\"never-1\",\"source\":\"/s\",\"type\":\"t\"},"
                                + "{\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"t\"}]")
                        .answers(400),
                // other statuses
                IngressCase.named("unknown broker")
                        .path("/team-a/nope")
                        .binary("x11")
                        .answers(404),
                IngressCase.named("not a broker path")
                        .path("/team-a/orders/extra")
                        .binary("x12")
                        .answers(404),
                IngressCase.named("GET on a broker")
                        .method("GET")
                        .expectHeader("allow", "POST, OPTIONS")
                        .answers(405),
                IngressCase.named("PUT on a broker")
                        .method("PUT")
                        .binary("x13")
                        .expectHeader("allow", "POST, OPTIONS")
                        .answers(405),
                IngressCase.named("webhook handshake")
                        .method("OPTIONS")
                        .header("WebHook-Request-Origin", "eventemitter.example.com")
                        .expectHeader("WebHook-Allowed-Origin", "eventemitter.example.com")
                        .expectHeader("WebHook-Allowed-Rate", "*")
                        .answers(200),
                IngressCase.named("Content-Length over the maximum")
                        .binary("x14")
                        .body(new byte[64 * 1024 + 1])
                        .answers(413),
                IngressCase.named("streamed body over the maximum")
                        .binary("x15")
                        .body(new byte[64 * 1024 + 1])
                        .chunked()
                        .answers(413),
                IngressCase.named("structured event in another format")
                        .header("Content-Type", "application/cloudevents+avro")
                        .body(new byte[] {1, 2, 3})
                        .answers(415));
    }

    private static Map<String, String> required(String id) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("specversion", "1.0");
        attributes.put("id", id);
        attributes.put("source", "/orders/service");
        attributes.put("type", "com.example.order.created");
        return attributes;
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(base);
        all.putAll(more);
        return all;
    }

    private static StoredEvent stored(
            String id, Map<String, String> extra, String contentType, String data, String key) {
        Map<String, String> attributes = with(required(id), extra);
        attributes.remove("datacontenttype");
        return new StoredEvent(id, attributes, contentType, data.getBytes(StandardCharsets.UTF_8), key);
    }
}
