package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every curl example of the README and of docs/samples.md, run with {@code /bin/sh} against the real jar (the
 * implicit broker {@code default/default}, no resources), answers the status line and body the page shows, so the
 * examples cannot rot. The convention is in {@link CurlExamples}.
 */
class ReadmeCurlIT {
    private static final Path ROOT =
            Path.of(System.getProperty("samples.root", ".")).resolve("..").normalize();
    private static final List<String> PAGES = List.of("README.md", "docs/samples.md");

    @TempDir
    static Path work;

    static SwitchboardJar switchboard;

    @BeforeAll
    static void start() throws IOException {
        switchboard = SwitchboardJar.start(work, Files.createDirectories(work.resolve("switchboard.d")));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (switchboard != null) {
            switchboard.close();
        }
    }

    static Stream<Object[]> examples() throws IOException {
        Stream.Builder<Object[]> all = Stream.builder();
        for (String page : PAGES) {
            for (CurlExamples.Example example : CurlExamples.in(Files.readString(ROOT.resolve(page)))) {
                all.add(new Object[] {page + ":" + example.line(), example});
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void answersWhatThePageShows(String where, CurlExamples.Example example) throws Exception {
        assertThat(example.statusLine())
                .as("%s: a curl example is followed by a '# HTTP/1.1 <status> <reason>' comment line", where)
                .isPresent();

        String response = run(example.against(switchboard.ingressPort(), switchboard.opsPort()));

        String[] headAndBody = response.split("\r\n\r\n", 2);
        assertThat(headAndBody[0].lines().findFirst())
                .as(response)
                .contains(example.statusLine().orElseThrow());
        if (example.body().isPresent()) {
            assertThat(headAndBody.length > 1 ? headAndBody[1].strip() : "")
                    .as(response)
                    .isEqualTo(example.body().get());
        }
    }

    private static String run(String command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile(work, "curl", ".err");
        Process process = new ProcessBuilder("/bin/sh", "-c", command)
                .directory(work.toFile())
                .redirectError(errors.toFile())
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("%s\n%s", command, Files.readString(errors))
                .isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
