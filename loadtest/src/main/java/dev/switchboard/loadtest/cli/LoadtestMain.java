package dev.switchboard.loadtest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar loadtest/target/switchboard-loadtest.jar <command>}. */
@Command(
        name = "switchboard-loadtest",
        mixinStandardHelpOptions = true,
        description = "Open-model load generator, end-to-end receiver and scenarios for Switchboard.",
        subcommands = {GenerateCommand.class, ReceiveCommand.class, ScenarioCommand.class})
public final class LoadtestMain {
    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadtestMain()).execute(args));
    }
}
