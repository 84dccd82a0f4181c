package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tar's config and contents, as {@code docker load} would see them (docs/operations.md "Container
 * image"): the entrypoint runs the fat jar on the image's own runtime, as uid 65532, with ports 8080 and 9090.
 */
class ContainerImageIT {

    @TempDir
    static Path unpacked;

    private static ImageTar image;
    private static Path rootfs;

    @BeforeAll
    static void unpack() throws IOException, InterruptedException {
        image = ImageTar.open(ImageTar.built(), unpacked);
        rootfs = unpacked.resolve("rootfs");
        image.unpackLayers(rootfs);
    }

    @Test
    void entrypointRunsTheFatJarOnTheImagesOwnJava() {
        assertThat(strings(image.containerConfig().get("Entrypoint")))
                .containsExactly(
                        "/opt/java/bin/java",
                        "-XX:+UseSerialGC",
                        "-XX:MaxRAMPercentage=75",
                        "-jar",
                        "/app/switchboard.jar");
        assertThat(image.containerConfig().path("Cmd").isMissingNode()
                        || image.containerConfig().get("Cmd").isNull())
                .as("no Cmd: `docker run IMAGE validate x.yaml` passes the subcommand, no subcommand is `run`")
                .isTrue();
    }

    @Test
    void runsAsTheNonRootUser65532() {
        assertThat(image.containerConfig().get("User").asText()).isEqualTo("65532:65532");
    }

    @Test
    void exposesTheIngressAndOpsPorts() {
        List<String> ports = new ArrayList<>();
        image.containerConfig().get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactlyInAnyOrder("8080/tcp", "9090/tcp");
    }

    @Test
    void keepsDataInTheDataVolumeAndServesOpsOnAllInterfaces() {
        assertThat(strings(image.containerConfig().get("Env")))
                .contains("SWITCHBOARD_DATADIR=/data", "SWITCHBOARD_OPS_HOST=0.0.0.0", "JAVA_HOME=/opt/java");
        assertThat(image.containerConfig().get("Volumes").has("/data")).isTrue();
        assertThat(image.containerConfig().get("WorkingDir").asText()).isEqualTo("/data");
    }

    @Test
    void carriesOciLabelsAndTheProjectVersionTag() {
        JsonNode labels = image.containerConfig().get("Labels");
        assertThat(labels.get("org.opencontainers.image.title").asText()).isEqualTo("Switchboard");
        assertThat(labels.get("org.opencontainers.image.version").asText()).isNotBlank();
        assertThat(labels.has("org.opencontainers.image.licenses")).isTrue();
        assertThat(image.repoTags()).singleElement().asString().startsWith("switchboard:");
    }

    @Test
    void rootFilesystemHoldsTheRuntimeTheJarAndTheNonRootUser() throws IOException {
        assertThat(Files.getPosixFilePermissions(rootfs.resolve("opt/java/bin/java")))
                .contains(PosixFilePermission.OTHERS_EXECUTE);
        assertThat(rootfs.resolve("app/switchboard.jar")).isRegularFile();
        try (Stream<Path> files = Files.walk(rootfs)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("glibc's dynamic loader, which every binary of the runtime names")
                    .anyMatch(name -> name.startsWith("ld-linux"));
        }
        assertThat(rootfs.resolve("opt/java/lib/security/cacerts"))
                .as("a real trust store, not a link to the build machine's /etc")
                .isRegularFile()
                .satisfies(p -> assertThat(Files.isSymbolicLink(p)).isFalse());
        assertThat(Files.readAllLines(rootfs.resolve("etc/passwd")))
                .contains("nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin");
        assertThat(Files.getPosixFilePermissions(rootfs.resolve("data")))
                .as("/data is writable by the non-root user")
                .contains(PosixFilePermission.OTHERS_WRITE);
        assertThat(Files.getPosixFilePermissions(rootfs.resolve("tmp"))).contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
