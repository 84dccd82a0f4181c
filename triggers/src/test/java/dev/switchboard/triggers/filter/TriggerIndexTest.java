package dev.switchboard.triggers.filter;

import static dev.switchboard.triggers.filter.FilterCompilerTest.exact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.triggers.model.FilterSpec;
import dev.switchboard.triggers.model.FilterSpec.All;
import dev.switchboard.triggers.model.FilterSpec.Any;
import dev.switchboard.triggers.model.FilterSpec.Attributes;
import dev.switchboard.triggers.model.FilterSpec.Cesql;
import dev.switchboard.triggers.model.FilterSpec.MatchAll;
import dev.switchboard.triggers.model.FilterSpec.Not;
import dev.switchboard.triggers.model.FilterSpec.Prefix;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TriggerIndexTest {

    private final AtomicInteger cesqlFailures = new AtomicInteger();
    private final FilterCompiler compiler =
            new FilterCompiler((expression, kind, message) -> cesqlFailures.incrementAndGet());

    @Test
    void returnsMatchingTriggersInTheOrderTheyWereAdded() {
        TriggerIndex<String> index = TriggerIndex.<String>builder(compiler)
                .add("prefix", new Prefix(Map.of("type", "com.example.")))
                .add("by-type", exact("type", "com.example.order.created"))
                .add("everything", new MatchAll())
                .add("other-type", exact("type", "com.example.order.shipped"))
                .add("by-region", new Attributes(Map.of("region", "eu")))
                .add("same-type-again", new Attributes(Map.of("type", "com.example.order.created", "region", "")))
                .build();

        assertThat(index.match(Events.order()))
                .containsExactly("prefix", "by-type", "everything", "by-region", "same-type-again");
        assertThat(index.match(Events.minimal())).containsExactly("everything");
        assertThat(index.size()).isEqualTo(6);
    }

    @Test
    void anEmptyIndexMatchesNothing() {
        assertThat(TriggerIndex.<String>builder(compiler).build().match(Events.order()))
                .isEmpty();
    }

    @Test
    void evaluatesOnlyTheTriggersPinnedToTheEventsType() {
        // every filter would count one CESQL failure if it were evaluated: only the candidate's is
        var builder = TriggerIndex.<Integer>builder(compiler);
        for (int i = 0; i < 1_000; i++) {
            builder.add(i, new All(List.of(exact("type", "type-" + i), new Cesql("nosuchattribute = 1"))));
        }
        TriggerIndex<Integer> index = builder.build();

        assertThat(index.match(event("type-7", "/s", null, null))).isEmpty();
        assertThat(cesqlFailures).hasValue(1);
    }

    @Test
    void bucketsAnAnyWhoseEveryBranchPinsTheSameAttribute() {
        var builder = TriggerIndex.<Integer>builder(compiler);
        for (int i = 0; i < 100; i++) {
            builder.add(
                    i,
                    new All(List.of(
                            new Any(List.of(exact("type", "a-" + i), exact("type", "b-" + i))),
                            new Cesql("nosuchattribute = 1"))));
        }

        builder.build().match(event("b-42", "/s", null, null));

        assertThat(cesqlFailures).hasValue(1);
    }

    @Test
    void aContradictoryFilterNeverMatches() {
        TriggerIndex<String> index = TriggerIndex.<String>builder(compiler)
                .add("contradiction", new All(List.of(exact("type", "a.b"), exact("type", "c.d"))))
                .build();

        assertThat(index.match(Events.minimal())).isEmpty();
    }

    @Test
    void rejectsATriggerWhoseFilterDoesNotCompile() {
        var builder = TriggerIndex.<String>builder(compiler);

        assertThatThrownBy(() -> builder.add("bad", new Cesql("type =="))).isInstanceOf(InvalidFilterException.class);
    }

    /**
     * Property: for random triggers and events from a small vocabulary (so that values collide often), the index
     * answers exactly what evaluating every filter in order answers.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void answersExactlyAsEvaluatingEveryFilter(long seed) {
        var random = new java.util.Random(seed);
        var generator = new RandomFilters(random);
        int triggers = 50 + random.nextInt(400);
        var specs = new ArrayList<FilterSpec>();
        var builder = TriggerIndex.<Integer>builder(compiler);
        for (int i = 0; i < triggers; i++) {
            FilterSpec spec = generator.filter(0);
            specs.add(spec);
            builder.add(i, spec);
        }
        TriggerIndex<Integer> index = builder.build();
        List<EventFilter> bruteForce = specs.stream().map(compiler::compile).toList();

        for (int e = 0; e < 300; e++) {
            CloudEvent event = generator.event();
            var expected = new ArrayList<Integer>();
            for (int i = 0; i < bruteForce.size(); i++) {
                if (bruteForce.get(i).matches(event)) {
                    expected.add(i);
                }
            }
            assertThat(index.match(event)).as("seed %d, event %s", seed, event).isEqualTo(expected);
        }
    }

    /** Filters and events over few attributes and values, so that they often match. */
    private record RandomFilters(java.util.Random random) {

        private static final List<String> ATTRIBUTES = List.of("type", "source", "subject", "region", "num");
        private static final List<String> TYPES = List.of("t.a", "t.b", "t.c", "u.a");
        private static final List<String> SOURCES = List.of("/s1", "/s2", "/x");
        private static final List<String> SUBJECTS = List.of("a", "b", "");
        private static final List<String> REGIONS = List.of("eu", "us", "");
        private static final List<String> CESQL = List.of(
                "type LIKE 't.%'",
                "EXISTS region AND region = 'eu'", "num > 2", "source = '/s1' OR subject = 'a'", "NOT (type = 'u.a')");

        FilterSpec filter(int depth) {
            int kind = random.nextInt(depth >= 3 ? 6 : 10);
            return switch (kind) {
                case 0, 1 -> new FilterSpec.Exact(entries());
                case 2 -> new Attributes(entries());
                case 3 -> new Prefix(Map.of(pick(ATTRIBUTES), prefixOf(value())));
                case 4 -> new FilterSpec.Suffix(Map.of(pick(ATTRIBUTES), value()));
                case 5 -> random.nextInt(4) == 0 ? new MatchAll() : new Cesql(pick(CESQL));
                case 6, 7 -> new All(filters(depth));
                case 8 -> new Any(filters(depth));
                default -> new Not(filter(depth + 1));
            };
        }

        CloudEvent event() {
            var builder = CloudEventBuilder.v1()
                    .withId("id")
                    .withType(pick(TYPES))
                    .withSource(java.net.URI.create(pick(SOURCES)));
            String subject = pick(SUBJECTS);
            if (!subject.isEmpty() || random.nextBoolean()) {
                builder.withSubject(subject);
            }
            if (random.nextBoolean()) {
                builder.withExtension("region", pick(REGIONS));
            }
            if (random.nextBoolean()) {
                builder.withExtension("num", random.nextInt(4));
            }
            return builder.build();
        }

        private List<FilterSpec> filters(int depth) {
            int count = random.nextInt(4);
            var filters = new ArrayList<FilterSpec>();
            for (int i = 0; i < count; i++) {
                filters.add(filter(depth + 1));
            }
            return filters;
        }

        private Map<String, String> entries() {
            var entries = new java.util.HashMap<String, String>();
            int count = 1 + random.nextInt(random.nextInt(5) == 0 ? 3 : 1);
            for (int i = 0; i < count; i++) {
                String attribute = random.nextInt(2) == 0 ? "type" : pick(ATTRIBUTES);
                entries.put(attribute, valueOf(attribute));
            }
            return entries;
        }

        private String prefixOf(String value) {
            return value.substring(0, random.nextInt(value.length() + 1));
        }

        private String value() {
            return valueOf(pick(ATTRIBUTES));
        }

        private String valueOf(String attribute) {
            return switch (attribute) {
                case "type" -> pick(TYPES);
                case "source" -> pick(SOURCES);
                case "subject" -> pick(SUBJECTS);
                case "region" -> pick(REGIONS);
                default -> String.valueOf(random.nextInt(4));
            };
        }

        private String pick(List<String> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    private static CloudEvent event(String type, String source, String subject, String region) {
        var builder = CloudEventBuilder.v1()
                .withId("id")
                .withType(type)
                .withSource(java.net.URI.create(source))
                .withSubject(subject);
        if (region != null) {
            builder.withExtension("region", region);
        }
        return builder.build();
    }
}
