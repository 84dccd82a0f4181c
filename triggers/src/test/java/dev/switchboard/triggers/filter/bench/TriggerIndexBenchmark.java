package dev.switchboard.triggers.filter.bench;

import dev.switchboard.triggers.filter.CesqlErrorListener;
import dev.switchboard.triggers.filter.EventFilter;
import dev.switchboard.triggers.filter.FilterCompiler;
import dev.switchboard.triggers.filter.TriggerIndex;
import dev.switchboard.triggers.model.FilterSpec;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Matching one event against a broker's triggers, through {@link TriggerIndex} and, as a baseline, by testing
 * every compiled filter.
 *
 * <ul>
 *   <li>{@code exact-type}: every trigger is Knative's common {@code filter.attributes: {type: T}} with its own
 *       type; the event matches exactly one.
 *   <li>{@code mixed}: 95% of triggers pin a type in varied forms ({@code filter.attributes} with a second
 *       entry, {@code exact}, {@code all} of exact type and a CESQL clause, {@code any} of two exact types),
 *       5% pin nothing ({@code prefix}, {@code suffix}, {@code not}, {@code cesql}) and are tested for every
 *       event; the event matches one pinned trigger plus whatever unpinned ones accept it.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TriggerIndexBenchmark {

    @Param({"10", "1000", "10000"})
    public int triggers;

    @Param({"exact-type", "mixed"})
    public String shape;

    private TriggerIndex<Integer> index;
    private List<EventFilter> every;
    private CloudEvent event;

    @Setup
    public void setUp() {
        var compiler = new FilterCompiler(CesqlErrorListener.ignoring());
        var builder = TriggerIndex.<Integer>builder(compiler);
        every = new ArrayList<>();
        for (int i = 0; i < triggers; i++) {
            FilterSpec spec = shape.equals("mixed") ? mixed(i) : exactType(i);
            builder.add(i, spec);
            every.add(compiler.compile(spec));
        }
        index = builder.build();
        event = CloudEventBuilder.v1()
                .withId("bench-1")
                .withSource(URI.create("https://shop.example/orders"))
                .withType(type(triggers / 2))
                .withSubject("order-42")
                .withExtension("region", "eu")
                .build();
        List<Integer> expected = bruteForce(new ArrayList<>());
        if (!index.match(event).equals(expected) || expected.isEmpty()) {
            throw new IllegalStateException("index and brute force disagree: " + expected);
        }
    }

    @Benchmark
    public List<Integer> index() {
        return index.match(event);
    }

    @Benchmark
    public void bruteForce(Blackhole blackhole) {
        blackhole.consume(bruteForce(new ArrayList<>()));
    }

    private List<Integer> bruteForce(List<Integer> matched) {
        for (int i = 0; i < every.size(); i++) {
            if (every.get(i).matches(event)) {
                matched.add(i);
            }
        }
        return matched;
    }

    private static String type(int i) {
        return "com.example.type." + i;
    }

    private static FilterSpec exactType(int i) {
        return new FilterSpec.Attributes(Map.of("type", type(i)));
    }

    private static FilterSpec mixed(int i) {
        if (i % 20 == 19) {
            return switch ((i / 20) % 4) {
                case 0 -> new FilterSpec.Prefix(Map.of("type", "com.example.other."));
                case 1 -> new FilterSpec.Suffix(Map.of("subject", "-" + i));
                case 2 -> new FilterSpec.Not(new FilterSpec.Exact(Map.of("region", "eu")));
                default -> new FilterSpec.Cesql("EXISTS tenant AND tenant = 't" + i + "'");
            };
        }
        return switch (i % 4) {
            case 0 -> new FilterSpec.Attributes(Map.of("type", type(i), "region", ""));
            case 1 -> new FilterSpec.Exact(Map.of("type", type(i)));
            case 2 ->
                new FilterSpec.All(
                        List.of(new FilterSpec.Exact(Map.of("type", type(i))), new FilterSpec.Cesql("region = 'eu'")));
            default ->
                new FilterSpec.Any(List.of(
                        new FilterSpec.Exact(Map.of("type", type(i))),
                        new FilterSpec.Exact(Map.of("type", type(i) + ".v2"))));
        };
    }
}
