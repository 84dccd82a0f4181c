package dev.switchboard.broker.ingress;

import dev.switchboard.broker.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Records every answered ingress request: a counter by status code and the request-to-ack duration. */
final class IngressMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void answered(String namespace, String broker, int status, long elapsedNanos) {
        counters.computeIfAbsent(
                        namespace + '/' + broker + '/' + status, key -> Counter.builder(MetricNames.INGRESS_EVENTS)
                                .description("Ingress requests answered, by status code")
                                .tag(MetricNames.TAG_NAMESPACE, namespace)
                                .tag(MetricNames.TAG_BROKER, broker)
                                .tag(MetricNames.TAG_CODE, Integer.toString(status))
                                .register(registry))
                .increment();
        if (status == 202) {
            timers.computeIfAbsent(namespace + '/' + broker, key -> Timer.builder(MetricNames.INGRESS_DURATION)
                            .description("From request arrival to Kafka acknowledgement")
                            .tag(MetricNames.TAG_NAMESPACE, namespace)
                            .tag(MetricNames.TAG_BROKER, broker)
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(1))
                            .maximumExpectedValue(Duration.ofSeconds(30))
                            .register(registry))
                    .record(Duration.ofNanos(elapsedNanos));
        }
    }
}
