package dev.switchboard.broker.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.switchboard.triggers.yaml.LoadResult;
import dev.switchboard.triggers.yaml.ResourceLoader;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the resource YAML loader (docs/configuration.md): any text ends as a valid resource set or a list of diagnostics,
 * never an exception (hot reload feeds it whatever is on disk). It lives in {@code broker/} beside the other fuzz
 * targets; the inputs of {@code ResourceLoaderFuzzTestInputs} replay under plain JUnit.
 */
@Tag("fuzz")
class ResourceLoaderFuzzTest {
    private final ResourceLoader loader = new ResourceLoader();

    @FuzzTest(maxDuration = "3m")
    void loadsAnyTextIntoResourcesOrDiagnostics(@NotNull String text) {
        LoadResult result = loader.loadString("fuzz.yaml", text, List.of());

        assertThat(result.isValid() || !result.errors().isEmpty()).isTrue();
    }
}
