package dev.switchboard.triggers.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.yaml.LoadResult;
import dev.switchboard.triggers.yaml.ResourceLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceReloaderTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2025-01-01T00:05:00Z");

    private final ResourceLoader loader = new ResourceLoader();
    private final MutableClock clock = new MutableClock(START);
    private String text = trigger("a", "http://a.example/") + "---\n" + trigger("b", "http://b.example/");
    private final ResourceReloader reloader =
            new ResourceReloader(load(), () -> loader.loadStrings(Map.of("r.yaml", text), List.of()), clock);
    private final List<ReloadResult> heard = new ArrayList<>();

    ResourceReloaderTest() {
        reloader.addListener((result, current) -> heard.add(result));
    }

    @Test
    void startsAtGenerationOne() {
        assertThat(reloader.current().number()).isEqualTo(1);
        assertThat(reloader.current().appliedAt()).isEqualTo(START);
        assertThat(reloader.lastResult()).isEmpty();
    }

    @Test
    void appliesValidChangeAsNextGeneration() {
        text = trigger("a", "http://a.example/") + "---\n" + trigger("b", "http://b2.example/") + "---\n"
                + trigger("c", "http://c.example/");
        clock.set(LATER);

        ReloadResult result = reloader.reload().orElseThrow();

        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.APPLIED);
        assertThat(result.generation()).isEqualTo(2);
        assertThat(result.time()).isEqualTo(LATER);
        assertThat(heard).containsExactly(result);
        Generation current = reloader.current();
        assertThat(current.number()).isEqualTo(2);
        assertThat(current.appliedAt()).isEqualTo(LATER);
        assertThat(resourceGeneration(current.resources(), "a")).isEqualTo(1);
        assertThat(resourceGeneration(current.resources(), "b")).isEqualTo(2);
        assertThat(resourceGeneration(current.resources(), "c")).isEqualTo(1);
    }

    @Test
    void rejectsInvalidChangeAndKeepsServingLastGoodSet() {
        ResourceSet before = reloader.current().resources();
        text = trigger("a", "/relative") + "---\n" + trigger("c", "http://c.example/");

        ReloadResult result = reloader.reload().orElseThrow();

        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
        assertThat(result.generation()).isEqualTo(1);
        assertThat(result.diagnostics()).singleElement().satisfies(d -> assertThat(d.render())
                .startsWith("r.yaml:8:10: error: spec.subscriber.uri"));
        assertThat(reloader.current().number()).isEqualTo(1);
        assertThat(reloader.current().resources()).isSameAs(before);
        assertThat(reloader.lastResult()).contains(result);
        assertThat(heard).containsExactly(result);
    }

    @Test
    void unchangedContentDoesNotBumpGeneration() {
        text = "# only a comment added\n" + text;

        assertThat(reloader.reload()).isEmpty();
        assertThat(reloader.current().number()).isEqualTo(1);
        assertThat(heard).isEmpty();
    }

    @Test
    void revertingARejectedChangeReportsAppliedWithoutNewGeneration() {
        String good = text;
        text = "kind: [";
        reloader.reload();
        text = good;

        ReloadResult result = reloader.reload().orElseThrow();

        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.APPLIED);
        assertThat(result.generation()).isEqualTo(1);
        assertThat(reloader.current().number()).isEqualTo(1);
        assertThat(heard)
                .extracting(ReloadResult::outcome)
                .containsExactly(ReloadResult.Outcome.REJECTED, ReloadResult.Outcome.APPLIED);
    }

    @Test
    void failingListenerDoesNotStopOthersNorTheReload() {
        List<ReloadResult> second = new ArrayList<>();
        reloader.addListener((result, current) -> {
            throw new IllegalStateException("listener bug");
        });
        reloader.addListener((result, current) -> second.add(result));
        text = trigger("a", "http://a.example/");

        reloader.reload();

        assertThat(reloader.current().number()).isEqualTo(2);
        assertThat(second).hasSize(1);
    }

    private ResourceSet load() {
        LoadResult result = loader.loadString("r.yaml", text, List.of());
        return ((LoadResult.Valid) result).resources();
    }

    private static long resourceGeneration(ResourceSet set, String trigger) {
        return set.trigger(new ResourceId("default", trigger))
                .orElseThrow()
                .metadata()
                .generation();
    }

    static String trigger(String name, String uri) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: %s
                spec:
                  broker: default
                  subscriber:
                    uri: %s
                """.formatted(name, uri);
    }

    /** A clock the test sets by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
