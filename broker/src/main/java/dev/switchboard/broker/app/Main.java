package dev.switchboard.broker.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar switchboard.jar <command>} (docs/cli.md); {@code run} is the default command. */
@Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A CloudEvents routing broker on Apache Kafka.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            SendCommand.class,
            TriggersCommand.class,
            BrokersCommand.class,
            DescribeCommand.class,
            ReplayCommand.class,
            RedriveCommand.class,
            ForgetCommand.class,
            CompletionCommand.class
        })
public final class Main {
    private static final Set<String> ROOT_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv()));
    }

    /** Runs a command line and returns its exit code; {@code run} is implied when no command is named. */
    static int execute(String[] args, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new Main(), new Factory(environment, Clock.systemUTC()));
        return commandLine.execute(withDefaultCommand(args, commandLine));
    }

    /** As {@link #execute(String[], Map)}, printing to the given writers (tests read what a command prints). */
    static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return execute(args, environment, Clock.systemUTC(), out, err);
    }

    /** As {@link #execute(String[], Map, PrintWriter, PrintWriter)}, ages (AGE columns) counted on {@code clock}. */
    static int execute(String[] args, Map<String, String> environment, Clock clock, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main(), new Factory(environment, clock));
        commandLine.setOut(out).setErr(err);
        return commandLine.execute(withDefaultCommand(args, commandLine));
    }

    private static String[] withDefaultCommand(String[] args, CommandLine commandLine) {
        if (args.length > 0 && (commandLine.getSubcommands().containsKey(args[0]) || ROOT_OPTIONS.contains(args[0]))) {
            return args;
        }
        String[] withRun = new String[args.length + 1];
        withRun[0] = "run";
        System.arraycopy(args, 0, withRun, 1, args.length);
        return withRun;
    }

    /** Builds commands, handing the environment and the clock to those that read them. */
    private record Factory(Map<String, String> environment, Clock clock) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == RunCommand.class) {
                return type.cast(new RunCommand(environment));
            } else if (type == OpsOptions.class) {
                return type.cast(new OpsOptions(environment));
            } else if (type == TriggersCommand.class) {
                return type.cast(new TriggersCommand(clock));
            } else if (type == BrokersCommand.class) {
                return type.cast(new BrokersCommand(clock));
            } else if (type == DescribeCommand.class) {
                return type.cast(new DescribeCommand(clock));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"switchboard " + (version == null ? "dev" : version)};
        }
    }
}
