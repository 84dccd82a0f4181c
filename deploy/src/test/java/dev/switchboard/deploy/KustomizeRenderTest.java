package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link KustomizeBuild} renders each kustomization of {@code deploy/} exactly as a real {@code kubectl kustomize}
 * does, resource by resource. It runs where a kubectl with Kustomize v5 is on the PATH (Debian's kubernetes-client
 * is 1.20, whose Kustomize knows neither components nor {@code labels}) and is skipped elsewhere; the manifest
 * tests themselves never need it.
 */
class KustomizeRenderTest {

    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");

    static Stream<String> kustomizations() {
        return Stream.of("kubernetes", "kubernetes-examples/monitoring", "kubernetes-examples/strimzi-scram");
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersWhatKubectlKustomizeRenders(String folder) throws Exception {
        Optional<String> version = run("kubectl", "version", "--client");
        Matcher major = KUSTOMIZE_VERSION.matcher(version.orElse(""));
        assumeTrue(
                major.find() && Integer.parseInt(major.group(1)) >= 5,
                "no kubectl with Kustomize v5 on the PATH: the comparison with a real kustomize is skipped");
        Path dir = DeployFiles.dir().resolve(folder);

        String rendered = run("kubectl", "kustomize", dir.toString()).orElseThrow();

        assertThat(byIdentity(KustomizeBuild.render(dir))).isEqualTo(byIdentity(documents(rendered)));
    }

    private static Map<String, JsonNode> byIdentity(List<? extends JsonNode> resources) {
        Map<String, JsonNode> byIdentity = new HashMap<>();
        for (JsonNode resource : resources) {
            String identity = resource.path("apiVersion").asText() + " "
                    + resource.path("kind").asText() + " "
                    + resource.at("/metadata/namespace").asText() + "/"
                    + resource.at("/metadata/name").asText();
            assertThat(byIdentity.put(identity, resource))
                    .as("twice: " + identity)
                    .isNull();
        }
        return byIdentity;
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        try (MappingIterator<JsonNode> it =
                new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            return it.readAll();
        }
    }

    /** The command's standard output when it exits 0 within a minute; empty when it cannot be run. */
    private static Optional<String> run(String... command) throws InterruptedException, IOException {
        Path errors = Files.createTempFile("kubectl", ".err");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        } catch (IOException notInstalled) {
            Files.delete(errors);
            return Optional.empty();
        }
        try {
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(1, TimeUnit.MINUTES))
                    .as(String.join(" ", command))
                    .isTrue();
            assertThat(process.exitValue())
                    .as(String.join(" ", command) + ": " + Files.readString(errors))
                    .isZero();
            return Optional.of(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(errors);
        }
    }
}
