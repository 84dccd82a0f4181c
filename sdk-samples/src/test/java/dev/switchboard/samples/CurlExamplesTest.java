package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CurlExamplesTest {
    private static final String PAGE = """
            Some text with curl http://example.com inline.

            ```bash
            curl -i -X POST http://127.0.0.1:8080/default/default \\
              -H 'ce-id: 1' -d '{}'
            # HTTP/1.1 202 Accepted
            ```

            ```
            curl -i http://127.0.0.1:8080/not-a-shell-block
            ```

            ```sh
            echo first
            curl -i http://127.0.0.1:9090/readyz
            # HTTP/1.1 400 Bad Request
            # {"error":"x"}
            curl -s http://127.0.0.1:8080/untested
            ```
            """;

    @Test
    void findsCurlCommandsInShellBlocksWithContinuationLines() {
        assertThat(CurlExamples.in(PAGE))
                .extracting(CurlExamples.Example::command)
                .containsExactly(
                        "curl -i -X POST http://127.0.0.1:8080/default/default \\\n  -H 'ce-id: 1' -d '{}'",
                        "curl -i http://127.0.0.1:9090/readyz",
                        "curl -s http://127.0.0.1:8080/untested");
    }

    @Test
    void readsTheStatusAndBodyShownAfterEachCommand() {
        List<CurlExamples.Example> examples = CurlExamples.in(PAGE);

        assertThat(examples.get(0).status()).isEqualTo(202);
        assertThat(examples.get(0).body()).isEmpty();
        assertThat(examples.get(1).status()).isEqualTo(400);
        assertThat(examples.get(1).body()).contains("{\"error\":\"x\"}");
        assertThat(examples.get(2).statusLine()).isEmpty();
        assertThat(examples.get(2).line()).isEqualTo(18);
    }

    @Test
    void rewritesTheDocumentedPortsToTheRealOnes() {
        CurlExamples.Example example = new CurlExamples.Example(
                "curl http://127.0.0.1:8080/a http://127.0.0.1:9090/b", 1, Optional.empty(), Optional.empty());

        assertThat(example.against(41000, 42000)).isEqualTo("curl http://127.0.0.1:41000/a http://127.0.0.1:42000/b");
    }
}
