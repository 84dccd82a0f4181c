package dev.switchboard.broker.app;

import dev.switchboard.triggers.model.ResourceId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code NS/TRIGGER} argument of the trigger commands; anything else is a usage error (exit 2). */
final class TriggerArgument {
    private TriggerArgument() {}

    static ResourceId parse(CommandSpec spec, String text) {
        try {
            return ResourceId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
