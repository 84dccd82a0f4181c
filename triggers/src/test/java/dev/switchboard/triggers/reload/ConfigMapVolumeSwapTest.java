package dev.switchboard.triggers.reload;

import static dev.switchboard.triggers.reload.ResourceReloaderTest.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.triggers.model.ResourceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload of a Kubernetes ConfigMap volume (deploy/kubernetes, docs/triggers.md "Hot reload"). The kubelet's atomic
 * writer never touches the visible {@code orders.yaml}: it is a symlink to {@code ..data/orders.yaml}, and an
 * update writes a new timestamped folder, points a new {@code ..data_tmp} symlink at it, renames that over
 * {@code ..data} and deletes the old folder. This reproduces the swap on a local folder against the real
 * watcher, with the folder configured and with the file configured.
 */
class ConfigMapVolumeSwapTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path volume;

    @RegisterExtension
    final RealWatcher watcher = new RealWatcher();

    @Test
    void reloadsWhenTheKubeletSwapsTheDataSymlinkOfAWatchedFolder() throws IOException {
        project("..2026_11_24_04_00_00.1", trigger("orders", "http://a.example/"));
        start(List.of(volume));

        swap("..2026_11_24_04_00_00.1", "..2026_11_24_04_01_00.2", trigger("orders", "http://b.example/"));

        await().atMost(PATIENCE).until(() -> watcher.reloader().current().number() == 2);
        assertThat(subscriberOfOrders()).isEqualTo("http://b.example/");
    }

    @Test
    void reloadsWhenTheKubeletSwapsTheDataSymlinkUnderAWatchedFile() throws IOException {
        project("..2026_11_24_04_00_00.1", trigger("orders", "http://a.example/"));
        start(List.of(volume.resolve("orders.yaml")));

        swap("..2026_11_24_04_00_00.1", "..2026_11_24_04_01_00.2", trigger("orders", "http://b.example/"));

        await().atMost(PATIENCE).until(() -> watcher.reloader().current().number() == 2);
        assertThat(subscriberOfOrders()).isEqualTo("http://b.example/");
    }

    /** The first projection: {@code ..<ts>/orders.yaml}, {@code ..data -> ..<ts>}, {@code orders.yaml -> ..data/orders.yaml}. */
    private void project(String timestamped, String content) throws IOException {
        Files.writeString(Files.createDirectory(volume.resolve(timestamped)).resolve("orders.yaml"), content);
        Files.createSymbolicLink(volume.resolve("..data"), Path.of(timestamped));
        Files.createSymbolicLink(volume.resolve("orders.yaml"), Path.of("..data", "orders.yaml"));
    }

    /** An update as the kubelet's atomic writer does it (k8s.io/kubernetes pkg/volume/util/atomic_writer.go). */
    private void swap(String old, String timestamped, String content) throws IOException {
        Files.writeString(Files.createDirectory(volume.resolve(timestamped)).resolve("orders.yaml"), content);
        Files.createSymbolicLink(volume.resolve("..data_tmp"), Path.of(timestamped));
        Files.move(volume.resolve("..data_tmp"), volume.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> files = Files.walk(volume.resolve(old))) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private void start(List<Path> paths) throws IOException {
        watcher.start(paths, Duration.ofMillis(100));
    }

    private String subscriberOfOrders() {
        return watcher.reloader()
                .current()
                .resources()
                .status(new ResourceId("default", "orders"))
                .subscriberUri()
                .orElseThrow()
                .toString();
    }
}
