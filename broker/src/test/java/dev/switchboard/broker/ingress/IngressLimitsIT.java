package dev.switchboard.broker.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The in-flight cap and the request deadline: with every permit held by a client that stops sending its
 * body, new requests get 429 with Retry-After; the stalled request gets 408 at the deadline and its
 * permit comes back, after which events are accepted again.
 */
@ExtendWith(KafkaExtension.class)
class IngressLimitsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static IngressFixture ingress;

    @BeforeAll
    static void start(KafkaCluster kafka) throws Exception {
        ingress = IngressFixture.onNewTopic(
                kafka, "limits", new IngressLimits(64 * 1024, 1, DEADLINE, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() throws Exception {
        ingress.close();
    }

    @Test
    void closesAConnectionWhoseHeadersTrickleInWithinTheDeadline() throws Exception {
        byte[] request = ("POST /default/default HTTP/1.1\r\nHost: localhost\r\nce-specversion: 1.0\r\n"
                        + "ce-id: loris\r\nce-source: /s\r\nce-type: t\r\n" + "x-padding: " + "a".repeat(200)
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long started = System.nanoTime();
        java.util.concurrent.ScheduledExecutorService trickle =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (Socket loris = new Socket("127.0.0.1", ingress.port)) {
            OutputStream out = loris.getOutputStream();
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();
            // one byte every 100 ms: the idle timeout (30 s) never fires, only the header deadline can
            trickle.scheduleAtFixedRate(
                    () -> {
                        int next = sent.get();
                        if (next >= request.length || refused.get()) {
                            return;
                        }
                        try {
                            out.write(request[next]);
                            out.flush();
                            sent.incrementAndGet();
                        } catch (java.io.IOException e) {
                            refused.set(true);
                        }
                    },
                    0,
                    100,
                    TimeUnit.MILLISECONDS);
            await().atMost(DEADLINE.plusSeconds(3)).until(() -> refused.get() || isClosed(loris));
            assertThat(sent.get()).as("bytes sent before the close").isLessThan(request.length);
        } finally {
            trickle.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isLessThan(DEADLINE.plusSeconds(3));
        assertThat(ingress.send("after-loris").statusCode()).isEqualTo(202);
    }

    @Test
    void headersOver16KiBAre431AndARequestLineOver8KiBIs414() throws Exception {
        String big = "x-big: " + "b".repeat(17 * 1024) + "\r\n";
        assertThat(RawHttp.exchange(
                        ingress.port,
                        RawHttp.bytes(
                                "POST /default/default HTTP/1.1\r\nHost: l\r\n" + big + "Content-Length: 0\r\n\r\n"),
                        10_000))
                .isEqualTo(431);
        assertThat(RawHttp.exchange(
                        ingress.port,
                        RawHttp.bytes("POST /default/" + "n".repeat(9000)
                                + " HTTP/1.1\r\nHost: l\r\nContent-Length: 0\r\n\r\n"),
                        10_000))
                .isEqualTo(414);
    }

    /** Whether the peer closed: a read that ends (or fails) at once instead of timing out. */
    private static boolean isClosed(Socket socket) throws java.io.IOException {
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void overloadIs429AndAStalledBodyIs408AtTheDeadline() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", ingress.port)) {
            OutputStream out = stalled.getOutputStream();
            out.write(("POST /default/default HTTP/1.1\r\nHost: localhost\r\nce-specversion: 1.0\r\n"
                            + "ce-id: stalled\r\nce-source: /s\r\nce-type: t\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100\r\n\r\n{\"partial\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            await().atMost(Duration.ofSeconds(10)).until(() -> ingress.server.inFlight() == 1);
            HttpResponse<String> overloaded = ingress.send("while-stalled");
            assertThat(overloaded.statusCode()).isEqualTo(429);
            assertThat(overloaded.headers().firstValue("Retry-After")).isPresent();

            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(stalled.getInputStream(), StandardCharsets.US_ASCII));
            stalled.setSoTimeout((int) DEADLINE.plusSeconds(10).toMillis());
            assertThat(reader.readLine()).startsWith("HTTP/1.1 408");
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(ingress.send("after").statusCode()).isEqualTo(202));
        await().atMost(Duration.ofSeconds(10)).until(() -> ingress.server.inFlight() == 0);
    }
}
