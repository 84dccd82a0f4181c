package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard completion} (docs/cli.md): the script picocli's AutoComplete generates, sourced by a real bash
 * and asked to complete command names and options as a shell does on TAB.
 */
class CompletionCommandTest {
    @TempDir
    Path dir;

    @Test
    void completesCommandsAndTheirOptionsInBash() throws Exception {
        Path script = dir.resolve("switchboard-completion.bash");
        Files.writeString(script, completionScript());

        assertThat(complete(script, "switchboard", ""))
                .contains("brokers", "describe", "triggers", "completion", "run");
        assertThat(complete(script, "switchboard", "de")).containsExactly("describe");
        assertThat(complete(script, "switchboard", "triggers", "--n")).containsExactly("--namespace");
        assertThat(complete(script, "switchboard", "brokers", "--"))
                .contains("--ops", "--data-dir", "--all-namespaces");
        assertThat(complete(script, "switchboard", "describe", "-o", ""))
                .containsExactlyInAnyOrder("text", "json", "yaml");
    }

    @Test
    void printsABashScriptForTheCommandName() {
        String script = completionScript();

        assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_switchboard");
    }

    private static String completionScript() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(
                new String[] {"completion"}, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    /** What bash offers on TAB after {@code words} (the last being the word being typed). */
    private List<String> complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append('\'').append(word).append("' ");
        }
        String program = "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_switchboard\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        // outside a real TAB press bash's compopt complains on stderr; what is offered is on stdout
        Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as(output).isZero();
        return output.lines().map(String::strip).filter(word -> !word.isEmpty()).toList();
    }
}
