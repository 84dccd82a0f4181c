package dev.switchboard.broker.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository is self-contained (README, "Licence and a self-contained build"): no source, script or page
 * reads or cites anything outside the clone, and every {@code docs/*.md} page the code cites exists. {@code
 * .ci/run} proves the first half by building a fresh clone with nothing beside it; this test says which line
 * to fix when a pointer creeps back in.
 */
class SelfContainedRepositoryTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", "data", ".mvn");
    private static final Set<String> TEXT_SUFFIXES =
            Set.of(".java", ".xml", ".md", ".sh", ".yaml", ".yml", ".js", ".json", ".properties", ".html", "run");

    /** Pointers out of the repository: the old shared folder, its contract and architecture files. */
    private static final Pattern OUTSIDE =
            Pattern.compile("\\.\\./shared|shared/testdata|SPEC\\.md|ARCHITECTURE\\.md|SPEC §\\d");

    private static final Pattern DOCS_PAGE = Pattern.compile("docs/([a-z-]+\\.md)");

    private static List<Path> files;

    @BeforeAll
    static void listFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(SelfContainedRepositoryTest::isScanned)
                    .toList();
        }
        assertThat(files).as("files scanned under %s", ROOT).hasSizeGreaterThan(100);
    }

    @Test
    void noFileReadsOrCitesAnythingOutsideTheRepository() {
        List<String> offenders = new ArrayList<>();
        for (Path file : files) {
            String relative = relative(file);
            if (relative.endsWith(getClass().getSimpleName() + ".java")) {
                continue;
            }
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE.matcher(lines.get(i)).find()) {
                    offenders.add(relative + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(offenders)
                .as("cite the project's own page instead (docs/*.md, README.md); commit test data into the repo")
                .isEmpty();
    }

    @Test
    void everyCitedDocsPageExists() {
        List<String> missing = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher page = DOCS_PAGE.matcher(lines.get(i));
                while (page.find()) {
                    if (!Files.exists(ROOT.resolve("docs").resolve(page.group(1)))) {
                        missing.add(relative(file) + ":" + (i + 1) + ": " + page.group());
                    }
                }
            }
        }
        assertThat(missing).as("cited pages that docs/ does not have").isEmpty();
    }

    private static boolean isScanned(Path file) {
        for (Path part : ROOT.relativize(file)) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return false;
            }
        }
        String name = file.getFileName().toString();
        return TEXT_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    private static String relative(Path file) {
        return ROOT.relativize(file).toString().replace('\\', '/');
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException notText) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
