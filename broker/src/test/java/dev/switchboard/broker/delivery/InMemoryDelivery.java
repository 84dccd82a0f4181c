package dev.switchboard.broker.delivery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Vert.x for a test class and, for each test, a fresh {@link HttpEventDelivery} over an in-memory log
 * ({@link RecordingAppender}) and meter registry, closed after it:
 * {@code @RegisterExtension static final InMemoryDelivery setup = new InMemoryDelivery(seed);}.
 */
final class InMemoryDelivery implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final long jitterSeed;
    private Vertx vertx;
    private SimpleMeterRegistry registry;
    private RecordingAppender log;
    private HttpEventDelivery delivery;

    /** {@code jitterSeed} seeds the backoff jitter, so retry timing is the same on every run. */
    InMemoryDelivery(long jitterSeed) {
        this.jitterSeed = jitterSeed;
    }

    Vertx vertx() {
        return vertx;
    }

    SimpleMeterRegistry registry() {
        return registry;
    }

    RecordingAppender log() {
        return log;
    }

    HttpEventDelivery delivery() {
        return delivery;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        vertx = Vertx.vertx();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        registry = new SimpleMeterRegistry();
        log = new RecordingAppender();
        delivery = HttpEventDelivery.create(vertx, log, registry, Clock.systemUTC(), new SplittableRandom(jitterSeed));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        delivery.close().await(10, TimeUnit.SECONDS);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
