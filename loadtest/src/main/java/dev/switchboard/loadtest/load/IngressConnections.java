package dev.switchboard.loadtest.load;

/**
 * How the load tool connects to an ingress: at most {@code count} connections, each carrying HTTP/1.1 (one request
 * at a time, keep-alive) or HTTP/2 over cleartext with prior knowledge (h2c, many requests at once on each).
 */
public record IngressConnections(int count, boolean http2) {
    public IngressConnections {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one connection: " + count);
        }
    }

    public static IngressConnections http1(int count) {
        return new IngressConnections(count, false);
    }

    /** What reports show: {@code 64} or {@code 4 h2c}. */
    @Override
    public String toString() {
        return http2 ? count + " h2c" : Integer.toString(count);
    }
}
