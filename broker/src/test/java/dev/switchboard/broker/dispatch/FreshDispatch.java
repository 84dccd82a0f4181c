package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.testing.KafkaExtension;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link DispatchFixture} on the shared Kafka for each test (its own namespace and topics), closed after
 * it: {@code @RegisterExtension final FreshDispatch dispatch = new FreshDispatch();}, then {@code
 * dispatch.fixture()}.
 */
final class FreshDispatch implements BeforeEachCallback, AfterEachCallback {
    private DispatchFixture fixture;

    DispatchFixture fixture() {
        return fixture;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fixture = new DispatchFixture(KafkaExtension.cluster(context));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        fixture.close();
    }
}
