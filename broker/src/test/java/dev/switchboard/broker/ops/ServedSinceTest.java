package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.reload.Generation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code status.servedSince}: the time of the generation that added a resource, kept while it stays served. */
class ServedSinceTest {
    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
    private static final ResourceId ORDERS = new ResourceId("team", "orders");
    private static final ResourceId AUDIT = new ResourceId("team", "audit");
    private static final ResourceId BROKER = new ResourceId("team", "default");

    private final ServedSince servedSince = new ServedSince();

    @Test
    void keepsTheTimeOfTheGenerationThatAddedEachResource() {
        servedSince.follow(new Generation(1, OpsFixture.resources(OpsFixture.RESOURCES), START));
        servedSince.follow(new Generation(2, OpsFixture.resources(OpsFixture.RESOURCES), START.plusSeconds(60)));

        assertThat(servedSince.of("Trigger", ORDERS)).hasValue(START);
        assertThat(servedSince.of("Broker", BROKER)).hasValue(START);
        assertThat(servedSince.of("Broker", ORDERS)).isEmpty();
    }

    @Test
    void forgetsARemovedResourceSoThatOneReCreatedUnderItsNameStartsAgain() {
        String resources = OpsFixture.RESOURCES;
        String withoutAudit = resources.substring(0, resources.indexOf("---", resources.indexOf("name: orders")));
        servedSince.follow(new Generation(1, OpsFixture.resources(OpsFixture.RESOURCES), START));
        servedSince.follow(new Generation(2, OpsFixture.resources(withoutAudit), START.plusSeconds(60)));

        assertThat(servedSince.of("Trigger", AUDIT)).isEmpty();
        assertThat(servedSince.of("Trigger", ORDERS)).hasValue(START);

        servedSince.follow(new Generation(3, OpsFixture.resources(OpsFixture.RESOURCES), START.plusSeconds(120)));

        assertThat(servedSince.of("Trigger", AUDIT)).hasValue(START.plusSeconds(120));
        assertThat(servedSince.of("Trigger", ORDERS)).hasValue(START);
    }

    @Test
    void anOlderGenerationFollowedLateChangesNothing() {
        servedSince.follow(new Generation(2, OpsFixture.resources(OpsFixture.RESOURCES), START));
        servedSince.follow(new Generation(1, OpsFixture.resources(OpsFixture.RESOURCES), START.minusSeconds(60)));

        assertThat(servedSince.of("Trigger", ORDERS)).hasValue(START);
    }
}
