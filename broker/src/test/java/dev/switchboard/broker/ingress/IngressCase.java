package dev.switchboard.broker.ingress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of the ingress table: a request and what the contract says must come of it. */
record IngressCase(
        String name,
        String method,
        String path,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        boolean chunked,
        int status,
        String errorAttribute,
        Map<String, String> responseHeaders,
        List<StoredEvent> stored) {

    @Override
    public String toString() {
        return name;
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    static final class Builder {
        private final String name;
        private String method = "POST";
        private String path = "/team-a/orders";
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private boolean chunked;
        private final Map<String, String> responseHeaders = new LinkedHashMap<>();
        private final List<StoredEvent> stored = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        Builder method(String value) {
            method = value;
            return this;
        }

        Builder path(String value) {
            path = value;
            return this;
        }

        Builder header(String header, String value) {
            headers.add(Map.entry(header, value));
            return this;
        }

        /** The four required attributes as binary-mode headers. */
        Builder binary(String id) {
            return header("ce-specversion", "1.0")
                    .header("ce-id", id)
                    .header("ce-source", "/orders/service")
                    .header("ce-type", "com.example.order.created");
        }

        Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        Builder body(byte[] bytes) {
            body = bytes;
            return this;
        }

        Builder chunked() {
            chunked = true;
            return this;
        }

        Builder expectHeader(String header, String value) {
            responseHeaders.put(header, value);
            return this;
        }

        Builder stores(StoredEvent event) {
            stored.add(event);
            return this;
        }

        IngressCase answers(int status) {
            return answers(status, null);
        }

        IngressCase answers(int status, String errorAttribute) {
            return new IngressCase(
                    name,
                    method,
                    path,
                    List.copyOf(headers),
                    body,
                    chunked,
                    status,
                    errorAttribute,
                    Map.copyOf(responseHeaders),
                    List.copyOf(stored));
        }
    }
}
