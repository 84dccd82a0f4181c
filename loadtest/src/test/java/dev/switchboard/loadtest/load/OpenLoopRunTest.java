package dev.switchboard.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenLoopRunTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Answers each send with the given status, at once. */
    private static final class RecordingSink implements EventSink {
        final List<List<LoadEvent>> requests = new CopyOnWriteArrayList<>();
        final int status;

        RecordingSink(int status) {
            this.status = status;
        }

        @Override
        public Future<SendOutcome> send(List<LoadEvent> events) {
            requests.add(events);
            return Future.succeededFuture(SendOutcome.status(status));
        }

        @Override
        public Future<Void> close() {
            return Future.succeededFuture();
        }
    }

    private LoadResult run(EventSink sink, LoadPlan plan, Ledger ledger, Clock clock) throws Exception {
        EventShape shape = new EventShape("r1", List.of("a", "b"), 3, 64);
        return new OpenLoopRun(vertx, sink, plan, shape, ledger, clock, System::nanoTime)
                .start()
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void sendsEveryPlannedEventOnceAndLedgersTheAcceptedOnes() throws Exception {
        RecordingSink sink = new RecordingSink(202);
        Ledger ledger = new Ledger();
        LoadResult result = run(sink, LoadPlan.of(200, Duration.ofMillis(500)), ledger, Clock.systemUTC());

        assertThat(result.offered()).isEqualTo(100);
        assertThat(result.accepted()).isEqualTo(100);
        assertThat(result.clean()).isTrue();
        assertThat(result.latency().count()).isEqualTo(100);
        assertThat(ledger.size()).isEqualTo(100);
        assertThat(ledger.ids()).contains("r1-0", "r1-99");
        assertThat(ledger.countByType()).containsEntry("a", 50L).containsEntry("b", 50L);
        assertThat(sink.requests).allSatisfy(request -> assertThat(request).hasSize(1));
    }

    @Test
    void eachEventCarriesItsIntendedSendTimeSpacedByTheRate() throws Exception {
        RecordingSink sink = new RecordingSink(202);
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        run(sink, LoadPlan.of(100, Duration.ofMillis(100)), new Ledger(), Clock.fixed(start, ZoneOffset.UTC));

        long startMicros = start.toEpochMilli() * 1000;
        List<Long> intended = sink.requests.stream()
                .map(request -> request.get(0).intendedEpochMicros() - startMicros)
                .sorted()
                .toList();
        assertThat(intended)
                .containsExactly(0L, 10_000L, 20_000L, 30_000L, 40_000L, 50_000L, 60_000L, 70_000L, 80_000L, 90_000L);
    }

    @Test
    void batchModeGroupsConsecutiveEventsIntoOneRequest() throws Exception {
        RecordingSink sink = new RecordingSink(202);
        LoadResult result =
                run(sink, LoadPlan.of(100, Duration.ofMillis(250)).withBatchSize(10), new Ledger(), Clock.systemUTC());
        assertThat(result.offered()).isEqualTo(25);
        assertThat(sink.requests).extracting(List::size).containsExactly(10, 10, 5);
    }

    @Test
    void rejectedEventsAreCountedByStatusAndLeftOutOfTheLedger() throws Exception {
        Ledger ledger = new Ledger();
        LoadResult result =
                run(new RecordingSink(503), LoadPlan.of(100, Duration.ofMillis(100)), ledger, Clock.systemUTC());
        assertThat(result.failed()).isEqualTo(10);
        assertThat(result.errors()).containsEntry("503", 10L);
        assertThat(ledger.size()).isZero();
        assertThat(result.clean()).isFalse();
    }

    @Test
    void eventsDueWhileTooManyRequestsAreOutstandingCountAsBacklogged() throws Exception {
        EventSink neverAnswers = new EventSink() {
            @Override
            public Future<SendOutcome> send(List<LoadEvent> events) {
                return Promise.<SendOutcome>promise().future();
            }

            @Override
            public Future<Void> close() {
                return Future.succeededFuture();
            }
        };
        LoadPlan plan = new LoadPlan(100, Duration.ofMillis(100), 1, 4, Duration.ofMillis(200));
        LoadResult result = run(neverAnswers, plan, new Ledger(), Clock.systemUTC());
        assertThat(result.unanswered()).isEqualTo(4);
        assertThat(result.errors()).containsEntry("backlogged", 6L);
        assertThat(result.accepted()).isZero();
    }
}
