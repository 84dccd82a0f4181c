package dev.switchboard.triggers.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceFilesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "triggers.yaml, true",
        "brokers.yml, true",
        "dir/nested.yaml, true",
        ".triggers.yaml.swp, false",
        ".#triggers.yaml, false",
        ".hidden.yaml, false",
        "triggers.yaml~, false",
        "4913, false",
        "notes.txt, false",
        "triggers.json, false"
    })
    void folderContributesOnlyVisibleYamlFiles(String name, boolean contributes) {
        assertThat(ResourceFiles.hasResourceName(Path.of(name))).isEqualTo(contributes);
    }
}
