package dev.switchboard.broker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.filter.EventFilter;
import dev.switchboard.triggers.filter.FilterCompiler;
import dev.switchboard.triggers.model.FilterSpec;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import org.junit.jupiter.api.Test;

class CesqlErrorCounterTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FilterCompiler compiler = new FilterCompiler(new CesqlErrorCounter(registry));

    private static CloudEvent event(String region) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId("1")
                .withSource(URI.create("/orders"))
                .withType("order.placed");
        return region == null
                ? builder.build()
                : builder.withExtension("region", region).build();
    }

    private double errors(String kind) {
        var counter =
                registry.find("switchboard.filter.errors").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void countsEveryFailedEvaluationByKind() {
        EventFilter byRegion = compiler.compile(new FilterSpec.Cesql("region = 'eu'"));
        EventFilter notBoolean = compiler.compile(new FilterSpec.Cesql("type"));

        assertThat(byRegion.matches(event(null))).isFalse();
        assertThat(byRegion.matches(event(null))).isFalse();
        assertThat(notBoolean.matches(event("eu"))).isFalse();

        assertThat(errors("MISSING_ATTRIBUTE")).isEqualTo(2);
        assertThat(errors("NOT_BOOLEAN")).isEqualTo(1);
    }

    @Test
    void doesNotCountAMatchOrAPlainMismatch() {
        EventFilter byRegion = compiler.compile(new FilterSpec.Cesql("region = 'eu'"));

        assertThat(byRegion.matches(event("eu"))).isTrue();
        assertThat(byRegion.matches(event("us"))).isFalse();

        assertThat(registry.find("switchboard.filter.errors").counters()).isEmpty();
    }
}
