package dev.switchboard.broker.config.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ticks are driven by hand through {@code poll()} (a one-hour interval never fires), except where the timer is the subject. */
class FileDigestPollerTest {
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;

    private Vertx vertx;
    private Path first;
    private Path second;
    private final Recording follower = new Recording();

    @BeforeEach
    void files() throws IOException {
        vertx = Vertx.vertx();
        first = Files.writeString(dir.resolve("first"), "one");
        second = Files.writeString(dir.resolve("second"), "two");
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void readsTheFilesInOrder() {
        FileDigestPoller poller = new FileDigestPoller(vertx, List.of(first, second), NEVER);

        assertThat(poller.read()).map(String::new).containsExactly("one", "two");
    }

    @Test
    void handsNothingOverWhileTheFilesStayTheSame() {
        FileDigestPoller poller = started(List.of(first, second));

        tick(poller);
        tick(poller);

        assertThat(follower.applied).isEmpty();
        assertThat(follower.failures).isEmpty();
    }

    @Test
    void handsTheChangedContentsOverOnceThenCountsThemSeen() throws IOException {
        FileDigestPoller poller = started(List.of(first, second));
        Files.writeString(second, "three");

        tick(poller);
        tick(poller);

        assertThat(follower.applied).containsExactly("one|three");
    }

    @Test
    void triesAgainOnTheNextTickWhenApplyFails() throws IOException {
        FileDigestPoller poller = started(List.of(first));
        follower.refuse = true;
        Files.writeString(first, "changed");

        tick(poller);
        tick(poller);
        follower.refuse = false;
        tick(poller);

        assertThat(follower.failures).hasSize(2).allMatch(cause -> cause instanceof IllegalStateException);
        assertThat(follower.applied).containsExactly("changed");
    }

    @Test
    void reportsUnreadableFilesAsIOExceptionAndAppliesThemOnceBack() throws IOException {
        FileDigestPoller poller = started(List.of(first));
        Files.delete(first);

        tick(poller);
        Files.writeString(first, "back");
        tick(poller);

        assertThat(follower.failures).singleElement().isInstanceOf(IOException.class);
        assertThat(follower.applied).containsExactly("back");
    }

    @Test
    void pollsOnItsOwnEveryIntervalUntilClosed() throws IOException {
        FileDigestPoller poller = new FileDigestPoller(vertx, List.of(first), Duration.ofMillis(10));
        poller.start(poller.read(), follower);
        Files.writeString(first, "by the timer");

        await().atMost(10, TimeUnit.SECONDS).until(() -> follower.applied.contains("by the timer"));
        poller.close();
    }

    private FileDigestPoller started(List<Path> files) {
        FileDigestPoller poller = new FileDigestPoller(vertx, files, NEVER);
        return poller.start(poller.read(), follower);
    }

    private static void tick(FileDigestPoller poller) {
        poller.poll()
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    /** Joins the contents with '|' on a worker and keeps what was applied and what failed. */
    private static final class Recording implements FileDigestPoller.Follower<String> {
        final List<String> applied = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        @Override
        public String read(List<byte[]> contents) {
            return String.join(
                    "|",
                    contents.stream()
                            .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                            .toList());
        }

        @Override
        public Future<?> apply(String read) {
            if (refuse) {
                return Future.failedFuture(new IllegalStateException("refused"));
            }
            applied.add(read);
            return Future.succeededFuture();
        }

        @Override
        public void failed(Throwable cause) {
            failures.add(cause);
        }
    }
}
