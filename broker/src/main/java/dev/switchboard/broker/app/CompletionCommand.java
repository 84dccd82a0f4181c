package dev.switchboard.broker.app;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard completion} (docs/cli.md): prints the bash completion script picocli's {@link AutoComplete}
 * generates from the command model, for the command name {@code switchboard} (an alias or wrapper of {@code java -jar
 * switchboard.jar}). zsh runs it too after {@code autoload -U +X bashcompinit && bashcompinit}.
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print a bash/zsh completion script for the command name 'switchboard'.",
            "Use: source <(switchboard completion)"
        })
final class CompletionCommand implements Callable<Integer> {
    static final String COMMAND_NAME = "switchboard";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getOut()
                .print(AutoComplete.bash(COMMAND_NAME, spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
