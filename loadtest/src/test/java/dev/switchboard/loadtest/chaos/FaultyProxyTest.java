package dev.switchboard.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against a real echo server: it relays in order, delays, drops and refuses, and mends. */
class FaultyProxyTest {
    private final Vertx vertx = Vertx.vertx();
    private NetServer echo;
    private FaultyProxy proxy;

    @BeforeEach
    void start() throws Exception {
        echo = vertx.createNetServer()
                .connectHandler(socket -> socket.handler(socket::write))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        proxy = FaultyProxy.start(vertx).await(10, TimeUnit.SECONDS);
        proxy.forwardTo(echo.actualPort());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /**
     * "b" is written under a 300 ms delay and "c" after it dropped to 100 ms. Whichever delay is in force when the
     * proxy reads "b", it is at least 100 ms, and "c" cannot overtake a "b" still held under the longer one.
     */
    @Test
    void relaysInOrderWhileTheDelayChanges() throws Exception {
        Buffer received = Buffer.buffer();
        NetSocket socket = connect();
        socket.handler(chunk -> {
            synchronized (received) {
                received.appendBuffer(chunk);
            }
        });
        socket.write("a");
        proxy.delay(Duration.ofMillis(300));
        long delayedAt = System.nanoTime();
        socket.write("b");
        proxy.delay(Duration.ofMillis(100));
        socket.write("c");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (received) {
                return received.length() == 3;
            }
        });
        assertThat(received.toString()).isEqualTo("abc");
        assertThat(Duration.ofNanos(System.nanoTime() - delayedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void cutDropsOpenConnectionsAndRefusesNewOnesUntilMended() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        connect(closed);
        proxy.cut();
        await().atMost(Duration.ofSeconds(10)).untilTrue(closed);

        AtomicBoolean refusedClosed = new AtomicBoolean();
        connect(refusedClosed);
        await().atMost(Duration.ofSeconds(10)).untilTrue(refusedClosed);

        proxy.mend();
        Buffer echoed = Buffer.buffer();
        NetSocket mended = connect();
        mended.handler(echoed::appendBuffer);
        mended.write("ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> "ok".equals(echoed.toString()));
    }

    /** Connects with {@code closed} set on close, registered on the event loop before any close can arrive. */
    private NetSocket connect(AtomicBoolean closed) throws Exception {
        return vertx.createNetClient()
                .connect(proxy.port(), "127.0.0.1")
                .map(socket -> socket.closeHandler(v -> closed.set(true)))
                .await(10, TimeUnit.SECONDS);
    }

    private NetSocket connect() throws Exception {
        return vertx.createNetClient().connect(proxy.port(), "127.0.0.1").await(10, TimeUnit.SECONDS);
    }
}
