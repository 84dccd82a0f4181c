package dev.switchboard.loadtest.chaos;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarding proxy on 127.0.0.1 in front of one Kafka node's client listener (the node advertises the
 * proxy's port, so every client connection to that node, not only the bootstrap, passes here), with injectable
 * faults: a latency added to every chunk in both directions ({@link #delay}), and a loss of the link ({@link
 * #cut}: open connections are dropped and new ones refused until {@link #mend}).
 *
 * <pre>
 *   accept ─▶ cut? ─yes─▶ close
 *               └─no──▶ connect target ─▶ relay both ways: chunk ─▶ queue(release = max(last, now + delay)) ─▶ write
 * </pre>
 *
 * A delayed chunk waits in its direction's queue, so order is kept whatever the delay does meanwhile.
 */
public final class FaultyProxy {
    private final Vertx vertx;
    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private volatile int targetPort;
    private volatile long delayMillis;
    private volatile boolean cut;

    private FaultyProxy(Vertx vertx, NetServer server, NetClient client) {
        this.vertx = vertx;
        this.server = server;
        this.client = client;
    }

    /** Listens on a free port of 127.0.0.1; forwards nowhere until {@link #forwardTo}. */
    public static Future<FaultyProxy> start(Vertx vertx) {
        NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5_000));
        NetServer server = vertx.createNetServer(
                new NetServerOptions().setHost("127.0.0.1").setPort(0));
        FaultyProxy proxy = new FaultyProxy(vertx, server, client);
        server.connectHandler(proxy::accept);
        return server.listen().map(listening -> proxy);
    }

    public int port() {
        return server.actualPort();
    }

    /** Where accepted connections go: {@code 127.0.0.1:port}. */
    public void forwardTo(int port) {
        this.targetPort = port;
    }

    /** Adds {@code latency} to every chunk from now on (zero for none). */
    public void delay(Duration latency) {
        this.delayMillis = latency.toMillis();
    }

    /** Drops every open connection and refuses new ones until {@link #mend}. */
    public void cut() {
        cut = true;
        open.forEach(NetSocket::close);
    }

    public void mend() {
        cut = false;
    }

    /** Drops every open connection once; clients reconnect at once. */
    public void dropConnections() {
        open.forEach(NetSocket::close);
    }

    private void accept(NetSocket inbound) {
        if (cut || targetPort == 0) {
            inbound.close();
            return;
        }
        inbound.pause();
        client.connect(targetPort, "127.0.0.1").onComplete(connected -> {
            if (connected.failed() || cut) {
                inbound.close();
                if (connected.succeeded()) {
                    connected.result().close();
                }
                return;
            }
            NetSocket outbound = connected.result();
            open.add(inbound);
            open.add(outbound);
            relay(inbound, outbound);
            relay(outbound, inbound);
            inbound.resume();
        });
    }

    private void relay(NetSocket from, NetSocket to) {
        DelayedWrites writes = new DelayedWrites(to);
        from.handler(writes::offer);
        from.closeHandler(closed -> {
            open.remove(from);
            to.close();
        });
        from.exceptionHandler(error -> from.close());
    }

    /** One direction's chunks in order, each written once its release time has come. */
    private final class DelayedWrites {
        private final NetSocket to;
        private final ArrayDeque<Buffer> chunks = new ArrayDeque<>();
        private final ArrayDeque<Long> releaseAt = new ArrayDeque<>();
        private long lastRelease;
        private boolean armed;

        DelayedWrites(NetSocket to) {
            this.to = to;
        }

        void offer(Buffer chunk) {
            long now = System.nanoTime() / 1_000_000;
            if (delayMillis == 0 && chunks.isEmpty()) {
                to.write(chunk);
                return;
            }
            lastRelease = Math.max(lastRelease, now + delayMillis);
            chunks.add(chunk);
            releaseAt.add(lastRelease);
            arm(now);
        }

        private void arm(long now) {
            if (!armed && !releaseAt.isEmpty()) {
                armed = true;
                vertx.setTimer(Math.max(1, releaseAt.peek() - now), id -> drain());
            }
        }

        private void drain() {
            armed = false;
            long now = System.nanoTime() / 1_000_000;
            while (!releaseAt.isEmpty() && releaseAt.peek() <= now) {
                releaseAt.poll();
                to.write(chunks.poll());
            }
            arm(now);
        }
    }

    public Future<Void> close() {
        open.forEach(NetSocket::close);
        return server.close().eventually(client::close);
    }
}
