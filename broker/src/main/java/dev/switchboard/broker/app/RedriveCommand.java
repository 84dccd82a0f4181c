package dev.switchboard.broker.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard redrive NS/TRIGGER [--ops URL]} (docs/cli.md): asks a running server to send a trigger's
 * events parked in its broker's dead-letter topic back to its subscriber, through {@code POST
 * /api/v1/namespaces/{ns}/triggers/{name}/redrive} (docs/operations.md), which answers {@code {"events": N}}. Exit 0 when
 * accepted.
 */
@Command(
        name = "redrive",
        mixinStandardHelpOptions = true,
        description = "Send a trigger's parked dead letters back to its subscriber.")
final class RedriveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NS/TRIGGER", description = "The trigger, as NAMESPACE/NAME.")
    String trigger;

    @Mixin
    OpsOptions ops;

    @Mixin
    TokenFileOption token;

    @Override
    public Integer call() throws Exception {
        return ops.post(token, TriggerArgument.parse(spec, trigger), "redrive", null, spec);
    }
}
