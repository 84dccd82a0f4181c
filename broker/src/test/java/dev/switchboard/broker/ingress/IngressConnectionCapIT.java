package dev.switchboard.broker.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection cap ({@code ingress.maxConnections}, docs/security.md "HTTP limits"): with the cap's worth of raw sockets
 * open, one more is closed at once and counted, the open ones keep being served, and closing one makes room.
 */
@ExtendWith(KafkaExtension.class)
class IngressConnectionCapIT {
    private static final int CAP = 3;
    private static IngressFixture ingress;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void start(KafkaCluster kafka) throws Exception {
        ingress = IngressFixture.onNewTopic(
                kafka,
                "connections",
                new IngressLimits(64 * 1024, 100, Duration.ofSeconds(30), Duration.ofSeconds(60))
                        .withMaxConnections(CAP));
    }

    @AfterAll
    static void stop() throws Exception {
        ingress.close();
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void closesConnectionsPastTheCapAndKeepsServingTheOpenOnes() throws Exception {
        for (int i = 0; i < CAP; i++) {
            open();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ingress.server.openConnections() == CAP);

        Socket extra = open();
        assertThat(closedByServer(extra))
                .as("the connection past the cap is closed")
                .isTrue();
        assertThat(rejectedCount()).isEqualTo(1.0);
        assertThat(ingress.server.openConnections()).isEqualTo(CAP);

        assertThat(post(sockets.get(0), "on-an-open-connection")).isEqualTo(202);
        assertThat(post(sockets.get(CAP - 1), "on-another-open-connection")).isEqualTo(202);

        sockets.get(1).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> ingress.server.openConnections() == CAP - 1);
        Socket admitted = open();
        assertThat(post(admitted, "after-one-closed")).isEqualTo(202);
        assertThat(rejectedCount()).isEqualTo(1.0);
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", ingress.port);
        socket.setSoTimeout(15_000);
        sockets.add(socket);
        return socket;
    }

    private double rejectedCount() {
        return ingress.registry
                .counter(MetricNames.INGRESS_CONNECTIONS_REJECTED)
                .count();
    }

    /** Whether the server closes the socket (end of stream or reset) before the read timeout. */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** One keep-alive binary-mode POST on {@code socket}; the status of its answer. */
    private static int post(Socket socket, String id) throws IOException {
        byte[] body = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        String head = "POST /default/default HTTP/1.1\r\nHost: 127.0.0.1\r\nce-specversion: 1.0\r\nce-id: " + id
                + "\r\nce-source: /cap\r\nce-type: com.example.cap\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        String status = readLine(socket.getInputStream());
        String line;
        int length = 0;
        while (!(line = readLine(socket.getInputStream())).isEmpty()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        socket.getInputStream().readNBytes(length);
        return Integer.parseInt(status.substring(9, 12));
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
