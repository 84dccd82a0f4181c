package dev.switchboard.triggers.reload;

import static dev.switchboard.triggers.reload.ResourceReloaderTest.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.triggers.model.ResourceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload against a real temporary folder: real WatchService, real scheduler, Awaitility for waiting. */
class WatchedResourcesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @RegisterExtension
    final RealWatcher watcher = new RealWatcher();

    @Test
    void appliesValidChange() throws IOException {
        write("a.yaml", trigger("a", "http://a.example/"));
        start(List.of(dir), Duration.ofMillis(100));

        write("b.yaml", trigger("b", "http://b.example/"));

        await().atMost(PATIENCE).until(() -> reloader().current().number() == 2);
        assertThat(reloader().current().resources().trigger(id("b"))).isPresent();
        assertThat(reloader().lastResult().orElseThrow().isApplied()).isTrue();
    }

    @Test
    void rejectsBrokenChangeAndKeepsServingOldSet() throws IOException {
        write("a.yaml", trigger("a", "http://a.example/"));
        start(List.of(dir), Duration.ofMillis(100));

        write("a.yaml", trigger("a", "http://a.example/") + "  delivery: {retry: -3}\n");

        await().atMost(PATIENCE).until(() -> reloader().lastResult().isPresent());
        ReloadResult result = reloader().lastResult().orElseThrow();
        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo(dir.resolve("a.yaml").toString());
            assertThat(d.path()).isEqualTo("spec.delivery.retry");
        });
        assertThat(reloader().current().number()).isEqualTo(1);
        assertThat(reloader().current().resources().trigger(id("a"))).isPresent();
    }

    @Test
    void burstOfWritesCausesOneReload() throws IOException {
        write("a.yaml", trigger("a", "http://a.example/"));
        start(List.of(dir), Duration.ofSeconds(1));

        for (int i = 0; i < 5; i++) {
            write("a.yaml", trigger("a", "http://a" + i + ".example/"));
        }

        await().atMost(PATIENCE)
                .until(() ->
                        reloader().current().number() == 2 && !watcher.watched().isReloadPending());
        assertThat(watcher.loads()).isEqualTo(1);
        assertThat(reloader().current().resources().status(id("a")).subscriberUri())
                .hasValueSatisfying(uri -> assertThat(uri).hasToString("http://a4.example/"));
    }

    @Test
    void deletedFileOfAFolderRemovesItsResources() throws IOException {
        write("a.yaml", trigger("a", "http://a.example/"));
        write("b.yaml", trigger("b", "http://b.example/"));
        start(List.of(dir), Duration.ofMillis(100));

        Files.delete(dir.resolve("b.yaml"));

        await().atMost(PATIENCE).until(() -> reloader().current().number() == 2);
        assertThat(reloader().current().resources().triggers())
                .extracting(t -> t.metadata().name())
                .containsExactly("a");
    }

    @Test
    void deletedConfiguredFileIsRejected() throws IOException {
        Path file = write("a.yaml", trigger("a", "http://a.example/"));
        start(List.of(file), Duration.ofMillis(100));

        Files.delete(file);

        await().atMost(PATIENCE).until(() -> reloader().lastResult().isPresent());
        assertThat(reloader().lastResult().orElseThrow().diagnostics())
                .singleElement()
                .satisfies(d -> assertThat(d.render()).isEqualTo(file + ": error: no such file or folder"));
        assertThat(reloader().current().number()).isEqualTo(1);
    }

    @Test
    void unchangedContentDoesNotBumpGeneration() throws IOException {
        String content = trigger("a", "http://a.example/");
        write("a.yaml", content);
        start(List.of(dir), Duration.ofMillis(100));

        write("a.yaml", content);

        await().atMost(PATIENCE)
                .until(() -> watcher.loads() >= 1 && !watcher.watched().isReloadPending());
        assertThat(reloader().current().number()).isEqualTo(1);
        assertThat(reloader().lastResult()).isEmpty();
    }

    @Test
    void optionalFolderCreatedAfterStartIsWatchedAndLoaded() throws IOException {
        Path folder = dir.resolve("switchboard.d");
        watcher.start(new WatchedPaths(List.of(), List.of(folder)), Duration.ofMillis(100));
        assertThat(reloader().current().resources().triggers()).isEmpty();

        Files.createDirectory(folder);
        await().atMost(PATIENCE).until(() -> !watcher.watched().isReloadPending() && watcher.loads() >= 1);
        Files.writeString(folder.resolve("hello.yaml"), trigger("hello", "http://hello.example/"));

        await().atMost(PATIENCE)
                .until(() ->
                        reloader().current().resources().trigger(id("hello")).isPresent());
    }

    @Test
    void optionalFolderSeveralLevelsDownIsFollowedAsItsParentsAppear() throws IOException {
        Path folder = dir.resolve("etc/switchboard/switchboard.d");
        watcher.start(new WatchedPaths(List.of(), List.of(folder)), Duration.ofMillis(100));

        Files.createDirectories(folder.getParent());
        Path staged = Files.createDirectory(dir.resolve("staged"));
        Files.writeString(staged.resolve("a.yaml"), trigger("a", "http://a.example/"));
        Files.move(staged, folder);

        await().atMost(PATIENCE)
                .until(() -> reloader().current().resources().trigger(id("a")).isPresent());
    }

    @Test
    void folderDeletedAndCreatedAgainIsWatchedAgain() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("switchboard.d"));
        Files.writeString(folder.resolve("a.yaml"), trigger("a", "http://a.example/"));
        watcher.start(new WatchedPaths(List.of(), List.of(folder)), Duration.ofMillis(100));

        Files.delete(folder.resolve("a.yaml"));
        Files.delete(folder);
        await().atMost(PATIENCE)
                .until(() -> reloader().current().resources().triggers().isEmpty());

        Files.createDirectory(folder);
        await().atMost(PATIENCE).until(() -> !watcher.watched().isReloadPending());
        Files.writeString(folder.resolve("b.yaml"), trigger("b", "http://b.example/"));

        await().atMost(PATIENCE)
                .until(() -> reloader().current().resources().trigger(id("b")).isPresent());
    }

    private void start(List<Path> paths, Duration quiet) throws IOException {
        watcher.start(paths, quiet);
    }

    private ResourceReloader reloader() {
        return watcher.reloader();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static ResourceId id(String name) {
        return new ResourceId("default", name);
    }
}
