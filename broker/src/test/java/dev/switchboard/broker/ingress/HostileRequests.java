package dev.switchboard.broker.ingress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile and malformed requests (security issue "bad-input corpus"), each with the status it must get.
 * None of them may store anything: their ids all start with {@code hostile-}, and those that are
 * well-formed enough to be stored would be a bug.
 */
final class HostileRequests {
    static final String PATH = "/default/default";

    record Case(String name, byte[] request, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileRequests() {}

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        // percent-encoding and characters
        cases.add(binary("lone percent sign", "ce-note: 100%\r\n", "", 400));
        cases.add(binary("percent with non-hex digits", "ce-note: %zz\r\n", "", 400));
        cases.add(binary("truncated percent sequence", "ce-note: ab%4\r\n", "", 400));
        cases.add(binary("percent-encoded invalid UTF-8", "ce-note: %C3%28\r\n", "", 400));
        cases.add(binary("percent-encoded overlong UTF-8", "ce-note: %C0%AF\r\n", "", 400));
        cases.add(binary("percent-encoded surrogate", "ce-note: %ED%A0%80\r\n", "", 400));
        cases.add(binary("percent-encoded NUL", "ce-note: a%00b\r\n", "", 400));
        cases.add(binary("raw invalid UTF-8 octets in a header", "ce-note: \u00ff\u00fe\r\n", "", 400));
        cases.add(binary("percent-encoded C1 control", "ce-subject: %C2%9B\r\n", "", 400));
        // attribute names and duplicates
        cases.add(binary("duplicate ce-id header", "ce-id: hostile-dup\r\n", "", 400));
        cases.add(binary("duplicate extension header", "ce-a: 1\r\nce-a: 2\r\n", "", 400));
        cases.add(binary("attribute name with upper-case after prefix folding and dash", "ce-x-y: 1\r\n", "", 400));
        cases.add(binary("attribute name with non-ASCII", "ce-caf\u00e9: 1\r\n", "", 400));
        cases.add(binary("ce-datacontenttype header", "ce-datacontenttype: text/plain\r\n", "", 400));
        cases.add(binary("attribute name far over the header limit", "ce-" + "a".repeat(20_000) + ": 1\r\n", "", 431));
        // header and request-line limits
        cases.add(binary("header value over 16 KiB", "ce-big: " + "v".repeat(17 * 1024) + "\r\n", "", 431));
        cases.add(binary("many headers over 16 KiB in total", manyHeaders(400), "", 431));
        cases.add(raw(
                "request line over 8 KiB",
                "POST /default/default?" + "q".repeat(9 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                414));
        cases.add(raw("header without a colon", "POST " + PATH + " HTTP/1.1\r\nHost: x\r\nce-broken\r\n\r\n", 400));
        cases.add(raw("space in a header name", "POST " + PATH + " HTTP/1.1\r\nHost: x\r\nce-a b: 1\r\n\r\n", 400));
        cases.add(raw("garbage request line", "GARBAGE\r\n\r\n", 400));
        // framing
        cases.add(raw(
                "Content-Length and Transfer-Encoding together",
                head("hostile-smuggle") + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                400));
        cases.add(raw(
                "two different Content-Length values",
                head("hostile-two-lengths") + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x",
                400));
        cases.add(raw("negative Content-Length", head("hostile-neg") + "Content-Length: -1\r\n\r\n", 400));
        cases.add(raw("non-numeric Content-Length", head("hostile-nan") + "Content-Length: ten\r\n\r\n", 400));
        cases.add(raw(
                "invalid chunk size",
                head("hostile-chunk") + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                400));
        cases.add(raw(
                "Content-Length over the maximum with Expect: 100-continue",
                head("hostile-expect") + "Expect: 100-continue\r\nContent-Length: 10000000\r\n\r\n",
                413));
        cases.add(raw(
                "oversized batch",
                "POST " + PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/cloudevents-batch+json\r\n"
                        + "Content-Length: 2000000\r\n\r\n[",
                413));
        // JSON shapes
        cases.add(structured(
                "deeply nested data",
                json("hostile-deep", "\"data\":" + "[".repeat(10_000) + "]".repeat(10_000)),
                400));
        cases.add(structured("object as extension value", json("hostile-obj", "\"ext\":{\"a\":1}"), 400));
        cases.add(structured("array as extension value", json("hostile-arr", "\"ext\":[1]"), 400));
        cases.add(structured("float as extension value", json("hostile-float", "\"ext\":1.5"), 400));
        cases.add(structured(
                "huge integer extension", json("hostile-bigint", "\"ext\":123456789012345678901234567890"), 400));
        cases.add(structured("NaN literal", json("hostile-nan-lit", "\"ext\":NaN"), 400));
        cases.add(structured(
                "number as specversion",
                "{\"specversion\":1.0,\"id\":\"hostile-sv\",\"source\":\"/s\",\"type\":\"t\"}",
                400));
        cases.add(structured("data_base64 not a string", json("hostile-b64", "\"data_base64\":123"), 400));
        cases.add(structured("JSON comment", "/* hi */" + json("hostile-comment", "\"x\":\"y\""), 400));
        cases.add(structured(
                "single-quoted JSON", "{'specversion':'1.0','id':'hostile-sq','source':'/s','type':'t'}", 400));
        cases.add(structured(
                "trailing comma", json("hostile-comma", "\"x\":\"y\",").replace(",}", ",}"), 400));
        cases.add(structured("duplicate keys", json("hostile-dupkey", "\"id\":\"hostile-dupkey-2\""), 400));
        cases.add(structured(
                "escaped lone surrogate in id",
                "{\"specversion\":\"1.0\",\"id\":\"hostile-\\ud800\",\"source\":\"/s\",\"type\":\"t\"}",
                400));
        cases.add(structured("control character in subject", json("hostile-ctl", "\"subject\":\"a\\u0007b\""), 400));
        cases.add(structured("a JSON string instead of an event", "\"hostile-string\"", 400));
        cases.add(batch("batch that is an object", json("hostile-batch-obj", "\"x\":\"y\""), 400));
        cases.add(batch(
                "batch with one invalid event",
                "[" + json("hostile-batch-a", "\"x\":\"y\"") + ",{\"specversion\":\"1.0\"}]",
                400));
        cases.add(raw(
                "structured event in XML",
                "POST " + PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/cloudevents+xml\r\n"
                        + "Content-Length: 7\r\n\r\n<e></e>",
                415));
        // routing
        cases.add(binary("dot-dot path", "/../default/default", "", "", 404));
        cases.add(binary("encoded slash in path", "/default%2Fdefault", "", "", 404));
        cases.add(raw("unknown method", "BREW " + PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405));
        return cases;
    }

    private static String head(String id) {
        return "POST " + PATH + " HTTP/1.1\r\nHost: x\r\nce-specversion: 1.0\r\nce-id: " + id
                + "\r\nce-source: /hostile\r\nce-type: hostile\r\n";
    }

    private static Case binary(String name, String extraHeaders, String body, int status) {
        return binary(name, PATH, extraHeaders, body, status);
    }

    private static Case binary(String name, String path, String extraHeaders, String body, int status) {
        String id = "hostile-" + name.replaceAll("[^a-z0-9]+", "-");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String request = "POST " + path + " HTTP/1.1\r\nHost: x\r\nce-specversion: 1.0\r\nce-id: " + id
                + "\r\nce-source: /hostile\r\nce-type: hostile\r\n" + extraHeaders + "Content-Length: " + bytes.length
                + "\r\n\r\n";
        return new Case(name, RawHttp.concat(RawHttp.bytes(request), bytes), status);
    }

    private static Case raw(String name, String request, int status) {
        return new Case(name, RawHttp.bytes(request), status);
    }

    private static String json(String id, String more) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/hostile\",\"type\":\"hostile\"," + more
                + "}";
    }

    private static Case structured(String name, String json, int status) {
        return withBody(name, "application/cloudevents+json", json, status);
    }

    private static Case batch(String name, String json, int status) {
        return withBody(name, "application/cloudevents-batch+json", json, status);
    }

    private static Case withBody(String name, String contentType, String body, int status) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + bytes.length + "\r\n\r\n";
        return new Case(name, RawHttp.concat(RawHttp.bytes(head), bytes), status);
    }

    private static String manyHeaders(int count) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("ce-x").append(i).append(": ").append("v".repeat(40)).append("\r\n");
        }
        return headers.toString();
    }
}
