package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Code shown in the README and docs/*.md under a {@code <!-- snippet: File#tag -->} marker is byte-identical to the
 * tagged region of the compiled (or, for Node, tested) sample source, and every tagged region is shown somewhere, so
 * the docs cannot drift from the samples.
 */
class DocSnippetsTest {
    private static final Path SAMPLES =
            Path.of(System.getProperty("samples.root", ".")).toAbsolutePath();
    private static final Path ROOT = SAMPLES.resolve("..").normalize();

    @ParameterizedTest(name = "{0}")
    @MethodSource("shown")
    void everyMarkedDocBlockIsItsSourceRegion(String where, DocSnippets.Snippet snippet) {
        Path source = sources().get(snippet.file());
        assertThat(source)
                .as("%s: no sample source named %s", where, snippet.file())
                .isNotNull();

        assertThat(DocSnippets.region(read(source), snippet.tag()))
                .as("%s: region %s of %s", where, snippet.tag(), source)
                .hasValue(snippet.text());
    }

    @Test
    void everyTaggedRegionIsShownInTheDocs() {
        List<String> shown = shown().map(args -> (DocSnippets.Snippet) args[1])
                .map(s -> s.file() + "#" + s.tag())
                .toList();
        List<String> tagged = new ArrayList<>();
        sources().forEach((name, path) -> DocSnippets.tags(read(path)).forEach(tag -> tagged.add(name + "#" + tag)));

        assertThat(tagged).isNotEmpty();
        assertThat(shown).containsAll(tagged);
    }

    @Test
    void aRegionLosesItsTagLinesAndCommonIndentation() {
        String source = """
                class A {
                    void f() {
                        // tag::body[]
                        int a = 1;

                        if (a > 0) {
                            // tag::inner[]
                            a++;
                            // end::inner[]
                        }
                        // end::body[]
                    }
                }
                """;

        assertThat(DocSnippets.region(source, "body")).hasValue("int a = 1;\n\nif (a > 0) {\n    a++;\n}");
        assertThat(DocSnippets.region(source, "inner")).hasValue("a++;");
        assertThat(DocSnippets.region(source, "missing")).isEmpty();
        assertThat(DocSnippets.tags(source)).containsExactly("body", "inner");
    }

    @Test
    void aMarkerNamesTheFencedBlockRightAfterIt() {
        String page = """
                Text.

                <!-- snippet: producer.js#send-binary -->
                ```js
                line one
                  line two
                ```
                """;

        assertThat(DocSnippets.in(page))
                .containsExactly(new DocSnippets.Snippet("producer.js", "send-binary", 3, "line one\n  line two"));
        assertThatThrownBy(() -> DocSnippets.in("<!-- snippet: a.js#b -->\ntext\n"))
                .hasMessageContaining("line 1");
    }

    @Test
    void aBlockInAListItemIsReadWithoutItsIndentation() {
        String page = """
                1. A step:

                   <!-- snippet: A.java#x -->
                   ```java
                   if (a) {

                       b();
                   }
                   ```
                """;

        assertThat(DocSnippets.in(page))
                .extracting(DocSnippets.Snippet::text)
                .containsExactly("if (a) {\n\n    b();\n}");
    }

    static Stream<Object[]> shown() {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages.stream()
                .flatMap(page -> DocSnippets.in(read(page)).stream().map(snippet -> new Object[] {
                    ROOT.relativize(page) + ":" + snippet.line() + " " + snippet.file() + "#" + snippet.tag(), snippet
                }));
    }

    /** The sample sources by file name: the Java samples and the Node samples (not their node_modules). */
    private static Map<String, Path> sources() {
        try (Stream<Path> java = Files.walk(SAMPLES.resolve("src/main/java"));
                Stream<Path> node = Files.list(SAMPLES.resolve("node"))) {
            return Stream.concat(
                            java.filter(path -> path.toString().endsWith(".java"))
                                    .filter(path -> !path.endsWith("package-info.java")),
                            node.filter(path -> path.toString().endsWith(".js")))
                    .collect(Collectors.toMap(path -> path.getFileName().toString(), Function.identity()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
