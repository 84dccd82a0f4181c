package dev.switchboard.broker.app;

import dev.switchboard.triggers.model.Diagnostic;
import dev.switchboard.triggers.yaml.LoadResult;
import dev.switchboard.triggers.yaml.ResourceLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard validate PATH...} (docs/cli.md): loads and validates Broker/Trigger YAML, prints every
 * error and warning with {@code file:line:column}, then a one-line summary; exits 0 when valid, 1 otherwise.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Validate Broker/Trigger YAML files or folders.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders of resource YAML.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LoadResult result = new ResourceLoader().load(paths, List.of());
        for (Diagnostic diagnostic : result.diagnostics()) {
            out.println(diagnostic.render());
        }
        out.println(result.summary());
        out.flush();
        return result.isValid() ? 0 : 1;
    }
}
