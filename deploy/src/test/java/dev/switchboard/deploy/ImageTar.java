package dev.switchboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The image tar Jib writes ({@code jib:buildTar}, the {@code docker load} format): a {@code manifest.json}
 * naming the config and the gzipped layers, unpacked with the system's {@code tar} as {@code docker load} would.
 */
final class ImageTar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonNode manifest;
    private final JsonNode config;

    private ImageTar(Path dir, JsonNode manifest, JsonNode config) {
        this.dir = dir;
        this.manifest = manifest;
        this.config = config;
    }

    /** The tar the build wrote: the failsafe property {@code image.tar}. */
    static Path built() {
        String tar = System.getProperty("image.tar");
        if (tar == null) {
            throw new IllegalStateException("image.tar is not set: run through Maven (the image profile)");
        }
        return Path.of(tar);
    }

    /** Unpacks the outer tar into {@code dir} and reads its manifest and config. */
    static ImageTar open(Path tar, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(List.of("tar", "-xf", tar.toString(), "-C", dir.toString()));
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile()).get(0);
        JsonNode config =
                JSON.readTree(dir.resolve(manifest.get("Config").asText()).toFile());
        return new ImageTar(dir, manifest, config);
    }

    /** The container config ({@code Entrypoint}, {@code User}, {@code Env}, ...). */
    JsonNode containerConfig() {
        return config.get("config");
    }

    List<String> repoTags() {
        List<String> tags = new ArrayList<>();
        manifest.get("RepoTags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    /** Unpacks every layer, in order, into {@code rootfs}, keeping modes (we may not be root: owners may differ). */
    void unpackLayers(Path rootfs) throws IOException, InterruptedException {
        Files.createDirectories(rootfs);
        for (JsonNode layer : manifest.get("Layers")) {
            run(List.of(
                    "tar",
                    "--warning=no-unknown-keyword",
                    "-xzpf",
                    dir.resolve(layer.asText()).toString(),
                    "-C",
                    rootfs.toString()));
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("failed: " + String.join(" ", command));
        }
    }
}
